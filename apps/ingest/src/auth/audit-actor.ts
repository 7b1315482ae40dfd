import type { AuditActor } from '@app/persistence';
import type { Principal } from './principal';

/** Who to record in the audit table for a request: the operator, or the organisation and the key it used. */
export function auditActor(principal: Principal): AuditActor {
  return principal.type === 'admin' ? { kind: 'admin' } : { kind: 'organisation', id: principal.organisationId, keyId: principal.keyId };
}
