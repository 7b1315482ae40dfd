import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { validateRoutingRule, type RoutingRule } from '@app/domain/routing';
import { AuditRepository, RoutingRuleRepository } from '@app/persistence';
import { Audience } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid';

/** Routing rules are data: the operator changes who learns what without a deployment. */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('v1/routing-rules')
export class RoutingRulesController {
  constructor(
    private readonly rules: RoutingRuleRepository,
    private readonly audit: AuditRepository,
  ) {}

  @Get()
  @Audience('admin')
  list(): Promise<RoutingRule[]> {
    return this.rules.list();
  }

  @Post()
  @Audience('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'target', 'mode'],
      example: { name: 'Safeguarding to the Ombudsman', match: { themes: ['safeguarding'], minSeverity: 'high' }, target: { kind: 'ombudsman' }, mode: 'immediate' },
    },
  })
  async create(@Body() body: unknown): Promise<RoutingRule> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ValidationFailed([{ field: '(body)', message: 'the body must be a JSON object' }]);
    }
    if ('id' in body) throw new ValidationFailed([{ field: 'id', message: 'is assigned by the server' }]);
    const validation = validateRoutingRule({ enabled: true, includeBodyName: false, match: {}, ...body, id: randomUUID() });
    if (!validation.ok) throw new ValidationFailed(validation.errors.map(toDetail), 'The routing rule is not valid');
    const created = await this.rules.create(validation.rule);
    await this.audit.record({ actor: { kind: 'admin' }, action: 'routing-rule.create', subjectType: 'routing-rule', subjectId: created.id, detail: { name: created.name, target: created.target.kind, mode: created.mode } });
    return created;
  }

  @Delete(':id')
  @Audience('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param('id') id: string): Promise<void> {
    if (!isUuid(id) || !(await this.rules.remove(id))) throw new ApiError(HttpStatus.NOT_FOUND, 'Routing rule not found');
    await this.audit.record({ actor: { kind: 'admin' }, action: 'routing-rule.delete', subjectType: 'routing-rule', subjectId: id });
  }
}

function toDetail(error: string): { field: string; message: string } {
  const split = error.indexOf(': ');
  return split < 0 ? { field: '(rule)', message: error } : { field: error.slice(0, split), message: error.slice(split + 2) };
}
