import { isUpheld, OUTCOMES } from '../model/taxonomy';
import type { RoutingRule } from './routing-rule';

/**
 * Seed data for the routing rules table. Fixed UUIDs so seeding is idempotent (upsert by id)
 * and valid for a `uuid` or a `text` id column.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Frozen so no caller can change the seed for everyone by accident. */
export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = deepFreeze([
  {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Learning summaries to the submitting body (digest)',
    enabled: true,
    match: {},
    target: { kind: 'submitter-contacts' },
    mode: 'digest',
    includeBodyName: true,
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    name: 'Serious complaints to the Ombudsman at once',
    enabled: true,
    match: { minSeverity: 'serious' },
    target: { kind: 'ombudsman' },
    mode: 'immediate',
    includeBodyName: true,
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    name: 'Serious complaints to the submitting body at once',
    enabled: true,
    match: { minSeverity: 'serious' },
    target: { kind: 'submitter-contacts' },
    mode: 'immediate',
    includeBodyName: true,
  },
  // What another body's contact reads of these items is decided when the email is built
  // (libs/domain/src/digest/shared-content.ts): themes, sector and what changed, not the
  // free-text summary, unless SHARE_SUMMARIES_ACROSS_BODIES=true. The body is not named.
  {
    id: '00000000-0000-4000-8000-000000000004',
    name: 'Upheld learning shared, anonymised, with subscribers in the same sector (digest)',
    enabled: true,
    match: { outcomes: OUTCOMES.filter(isUpheld) },
    target: { kind: 'sector-subscribers' },
    mode: 'digest',
    includeBodyName: false,
  },
] satisfies RoutingRule[]);
