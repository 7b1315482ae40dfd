import { OUTCOMES, SECTORS, SEVERITIES, THEME_IDS } from '../model/taxonomy';
import { DELIVERY_MODES, ROUTING_TARGET_KINDS, type RoutingRule } from './routing-rule';

/**
 * Structural check for a routing rule read from storage or an admin request. Rules are data,
 * so a bad one must be reported field by field, and unknown fields rejected, not ignored.
 */
export type RuleValidation = { ok: true; rule: RoutingRule } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;

const RULE_FIELDS = ['id', 'name', 'enabled', 'match', 'target', 'mode', 'includeBodyName'];
const MATCH_FIELDS = ['themes', 'minSeverity', 'sectors', 'serviceAreas', 'organisationIds', 'outcomes'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

function oneOf(value: unknown, allowed: readonly string[]): boolean {
  return typeof value === 'string' && allowed.includes(value);
}

function unknownFields(value: Json, allowed: readonly string[], path: string): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${path}${key}: unknown field`);
}

function checkList(value: unknown, path: string, allowed?: readonly string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [`${path}: must be an array`];
  return value.flatMap((item, i) =>
    !nonEmptyString(item)
      ? [`${path}[${i}]: must be a non-empty string`]
      : allowed && !oneOf(item, allowed)
        ? [`${path}[${i}]: must be one of ${allowed.join(', ')}`]
        : [],
  );
}

function checkMatch(match: unknown): string[] {
  if (!isObject(match)) return ['match: must be an object'];
  const severity = match.minSeverity;
  return [
    ...unknownFields(match, MATCH_FIELDS, 'match.'),
    ...checkList(match.themes, 'match.themes', THEME_IDS),
    ...(severity === undefined || oneOf(severity, SEVERITIES) ? [] : [`match.minSeverity: must be one of ${SEVERITIES.join(', ')}`]),
    ...checkList(match.sectors, 'match.sectors', SECTORS),
    ...checkList(match.serviceAreas, 'match.serviceAreas'),
    ...checkList(match.organisationIds, 'match.organisationIds'),
    ...checkList(match.outcomes, 'match.outcomes', OUTCOMES),
  ];
}

function checkOrganisationsTarget(target: Json): string[] {
  const ids = target.organisationIds;
  const path = 'target.organisationIds';
  const present = ids === undefined ? [`${path}: required`] : checkList(ids, path);
  const nonEmpty = Array.isArray(ids) && ids.length === 0 ? [`${path}: must list at least one organisation`] : [];
  return [...unknownFields(target, ['kind', 'organisationIds'], 'target.'), ...present, ...nonEmpty];
}

function checkTarget(target: unknown): string[] {
  if (!isObject(target)) return ['target: must be an object'];
  if (!oneOf(target.kind, ROUTING_TARGET_KINDS)) return [`target.kind: must be one of ${ROUTING_TARGET_KINDS.join(', ')}`];
  return target.kind === 'organisations' ? checkOrganisationsTarget(target) : unknownFields(target, ['kind'], 'target.');
}

function checkScalars(input: Json): string[] {
  return [
    ...(nonEmptyString(input.id) ? [] : ['id: must be a non-empty string']),
    ...(nonEmptyString(input.name) ? [] : ['name: must be a non-empty string']),
    ...(typeof input.enabled === 'boolean' ? [] : ['enabled: must be a boolean']),
    ...(oneOf(input.mode, DELIVERY_MODES) ? [] : [`mode: must be one of ${DELIVERY_MODES.join(', ')}`]),
    ...(typeof input.includeBodyName === 'boolean' ? [] : ['includeBodyName: must be a boolean']),
  ];
}

export function validateRoutingRule(input: unknown): RuleValidation {
  if (!isObject(input)) return { ok: false, errors: ['rule: must be an object'] };
  const errors = [...unknownFields(input, RULE_FIELDS, ''), ...checkScalars(input), ...checkMatch(input.match), ...checkTarget(input.target)];
  // Every field has been checked above, so the cast only restates what was verified.
  return errors.length ? { ok: false, errors } : { ok: true, rule: input as unknown as RoutingRule };
}
