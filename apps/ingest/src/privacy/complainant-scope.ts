import { complainantHash, parseComplainantId } from '@app/domain/dedup';
import { isOmbudsman, type Principal } from '../auth/principal';
import type { ErrorDetail } from '../common/api-error';
import { isUuid } from '../common/uuid';

/** Whose records a subject-access or erasure request reaches: hashes to match, and which body. */
export interface ComplainantScope {
  hashes: string[];
  /** Undefined: every body (only the Ombudsman or the admin). */
  organisationId?: string;
}

export type ScopeResult = { ok: true; scope: ComplainantScope } | { ok: false; details: ErrorDetail[] };

/** True for callers allowed to reach every body's records of a person. */
export function seesAllBodies(principal: Principal): boolean {
  return principal.type === 'admin' || isOmbudsman(principal);
}

/**
 * A body reaches only its own complaints, whatever it asks; the Ombudsman and the admin reach
 * all bodies, or one with `organisationId`. A `local:` id means something only at one body
 * (it is hashed with that body's id), so across bodies it needs `organisationId`.
 */
export function resolveComplainantScope(secret: string, principal: Principal, complainantId: unknown, organisationId: unknown): ScopeResult {
  if (typeof complainantId !== 'string' || complainantId.length === 0 || complainantId.length > 200) {
    return invalid('complainantId', 'complainantId is required: "scheme:value", at most 200 characters');
  }
  const parsed = parseComplainantId(complainantId);
  if (!parsed.ok) return invalid('complainantId', parsed.message);
  const body = bodyScope(principal, organisationId);
  if (!body.ok) return body;
  const scopeOrganisation = body.scope.organisationId;
  if (parsed.id.scheme === 'local' && scopeOrganisation === undefined) {
    return invalid('organisationId', 'a local: id is one body\'s own: give the organisationId it belongs to');
  }
  return { ok: true, scope: { hashes: [complainantHash(secret, parsed.id, scopeOrganisation ?? '')], organisationId: scopeOrganisation } };
}

function bodyScope(principal: Principal, organisationId: unknown): ScopeResult {
  if (organisationId !== undefined && (typeof organisationId !== 'string' || !isUuid(organisationId))) {
    return invalid('organisationId', 'organisationId must be an organisation id (UUID)');
  }
  if (seesAllBodies(principal)) return { ok: true, scope: { hashes: [], organisationId } };
  const own = principal.type === 'organisation' ? principal.organisationId : undefined;
  if (organisationId !== undefined && organisationId !== own) {
    return invalid('organisationId', 'a body may only reach its own complaints');
  }
  return { ok: true, scope: { hashes: [], organisationId: own } };
}

function invalid(field: string, message: string): ScopeResult {
  return { ok: false, details: [{ field, message }] };
}
