import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { validateRoutingRule, type RoutingRule } from '@app/domain/routing';
import { AuditRepository } from '../repositories/audit.repository';
import { RoutingRuleRepository } from '../repositories/routing-rule.repository';

/** One problem with a proposed rule: `field` is the validator's path (`name`, `match.themes[0]`, `target.organisationIds`…). */
export interface RuleProblem {
  field: string;
  message: string;
}

export type CreateRuleOutcome = { kind: 'created'; rule: RoutingRule } | { kind: 'invalid'; problems: RuleProblem[] };

/**
 * Routing rules are data: the operator changes who learns what without a deployment. The one
 * implementation behind `/v1/routing-rules` and the console's rule pages; always the admin.
 */
@Injectable()
export class RoutingRuleAdministration {
  constructor(
    private readonly rules: RoutingRuleRepository,
    private readonly audit: AuditRepository,
  ) {}

  list(): Promise<RoutingRule[]> {
    return this.rules.list();
  }

  /** `input` is the rule without its id (assigned here); unset optional fields take their defaults. */
  async create(input: Record<string, unknown>): Promise<CreateRuleOutcome> {
    if ('id' in input) return { kind: 'invalid', problems: [{ field: 'id', message: 'is assigned by the server' }] };
    const validation = validateRoutingRule({ enabled: true, includeBodyName: false, match: {}, ...input, id: randomUUID() });
    if (!validation.ok) return { kind: 'invalid', problems: validation.errors.map(toProblem) };
    const created = await this.rules.create(validation.rule);
    await this.audit.record({ actor: { kind: 'admin' }, action: 'routing-rule.create', subjectType: 'routing-rule', subjectId: created.id, detail: { name: created.name, target: created.target.kind, mode: created.mode } });
    return { kind: 'created', rule: created };
  }

  /** False when there is no such rule. `id` must be a UUID (the caller checks). */
  async remove(id: string): Promise<boolean> {
    if (!(await this.rules.remove(id))) return false;
    await this.audit.record({ actor: { kind: 'admin' }, action: 'routing-rule.delete', subjectType: 'routing-rule', subjectId: id });
    return true;
  }
}

function toProblem(error: string): RuleProblem {
  const split = error.indexOf(': ');
  return split < 0 ? { field: '(rule)', message: error } : { field: error.slice(0, split), message: error.slice(split + 2) };
}
