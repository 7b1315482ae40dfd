import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { RoutingRule } from '@app/domain/routing';
import { RoutingRuleAdministration } from '@app/persistence/administration';
import { Audience } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid';

/** Routing rules are data: the operator changes who learns what without a deployment. */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('v1/routing-rules')
export class RoutingRulesController {
  constructor(private readonly rules: RoutingRuleAdministration) {}

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
    const outcome = await this.rules.create(body as Record<string, unknown>);
    if (outcome.kind === 'invalid') {
      // An id in the body is refused alone, as before; rule problems share one message.
      const onlyId = outcome.problems.length === 1 && outcome.problems[0].field === 'id';
      throw new ValidationFailed(outcome.problems, onlyId ? undefined : 'The routing rule is not valid');
    }
    return outcome.rule;
  }

  @Delete(':id')
  @Audience('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param('id') id: string): Promise<void> {
    if (!isUuid(id) || !(await this.rules.remove(id))) throw new ApiError(HttpStatus.NOT_FOUND, 'Routing rule not found');
  }
}
