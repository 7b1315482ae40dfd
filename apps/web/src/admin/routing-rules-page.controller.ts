import { Body, Controller, Get, NotFoundException, Param, Post, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutingRule } from '@app/domain/routing';
import { ORGANISATION_LIST_MAX_LIMIT, OrganisationRepository } from '@app/persistence';
import { RoutingRuleAdministration } from '@app/persistence/administration';
import { WebAudience } from '../auth/web-audience.decorator';
import { isUuid, setNotice, takeNotice } from './admin-flash';
import { describeRule, readRuleForm, ruleErrors, ruleFormChoices, ruleInput, type RuleFormValues } from './routing-rule-form';

/**
 * Routing rules, listed, created and deleted through the same service (and so the same
 * validator and audit rows) as `/v1/routing-rules`.
 */
@ApiExcludeController()
@Controller('admin/routing-rules')
@WebAudience('operator')
export class RoutingRulesPageController {
  constructor(
    private readonly rules: RoutingRuleAdministration,
    private readonly organisations: OrganisationRepository,
  ) {}

  @Get()
  @Render('admin/routing-rules.njk')
  async list(@Req() request: FastifyRequest) {
    const [rules, names] = await Promise.all([this.rules.list(), this.organisationNames()]);
    return { notice: takeNotice(request), rules: rules.map((rule) => describeRule(rule, names)) };
  }

  @Get('new')
  @Render('admin/routing-rule-new.njk')
  async newForm() {
    return this.formPage(readRuleForm({}));
  }

  @Post()
  async create(@Req() request: FastifyRequest, @Body() form: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = readRuleForm(form ?? {});
    const outcome = await this.rules.create(ruleInput(values));
    if (outcome.kind === 'invalid') return reply.code(400).view('admin/routing-rule-new.njk', { ...(await this.formPage(values)), errors: ruleErrors(outcome.problems) });
    setNotice(request, `Rule “${outcome.rule.name}” is added: it applies to complaints processed from now on`);
    return reply.redirect('/admin/routing-rules', 303);
  }

  @Get(':id/delete')
  @Render('admin/routing-rule-delete.njk')
  async confirmDelete(@Param('id') id: string) {
    const rule = await this.find(id);
    return { rule: describeRule(rule, await this.organisationNames()) };
  }

  @Post(':id/delete')
  async remove(@Req() request: FastifyRequest, @Param('id') id: string, @Res() reply: FastifyReply) {
    const rule = await this.find(id);
    if (!(await this.rules.remove(rule.id))) throw new NotFoundException();
    setNotice(request, `Rule “${rule.name}” is deleted`);
    return reply.redirect('/admin/routing-rules', 303);
  }

  private async find(id: string): Promise<RoutingRule> {
    const rule = isUuid(id) ? (await this.rules.list()).find((candidate) => candidate.id === id) : undefined;
    if (!rule) throw new NotFoundException();
    return rule;
  }

  private async formPage(values: RuleFormValues) {
    const organisations = (await this.organisations.list({ limit: ORGANISATION_LIST_MAX_LIMIT })).items;
    return { values, ...ruleFormChoices(values, organisations) };
  }

  private async organisationNames(): Promise<Map<string, string>> {
    const page = await this.organisations.list({ limit: ORGANISATION_LIST_MAX_LIMIT });
    return new Map(page.items.map((organisation) => [organisation.id, organisation.name]));
  }
}
