import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import type { AuditActor } from '../repositories/audit.repository';
import { OrganisationRepository, type NewOrganisation } from '../repositories/organisation.repository';
import { generateApiKey } from './api-key-secret';
import { OrganisationChangeNotifier } from './organisation-change';

/** Enough for a rotation with overlap per system that calls us; more suggests keys are not being revoked. */
export const MAX_ACTIVE_KEYS = 10;

/** A key as issued: the secret is in this object only, never stored. */
export interface IssuedApiKey {
  id: string;
  apiKey: string;
}

export type IssueKeyOutcome = ({ kind: 'issued' } & IssuedApiKey) | { kind: 'too-many-keys' };

/**
 * Organisations and their keys, as the operator (or the organisation itself, for keys) changes
 * them. Callers check that the organisation exists and that the actor may manage it; every
 * change here is audited in its own transaction, and a revocation reaches every ingest replica.
 */
@Injectable()
export class OrganisationAdministration {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly keys: ApiKeyRepository,
    private readonly notifier: OrganisationChangeNotifier,
  ) {}

  /** The organisation with its first key, whose secret is returned once. */
  async create(input: NewOrganisation, actor: AuditActor): Promise<{ id: string; keyId: string; apiKey: string }> {
    const key = generateApiKey();
    const created = await this.organisations.create(input, key, actor);
    return { ...created, apiKey: key.key };
  }

  async issueKey(organisationId: string, actor: AuditActor): Promise<IssueKeyOutcome> {
    const key = generateApiKey();
    const id = await this.keys.issue(organisationId, key, actor, MAX_ACTIVE_KEYS);
    return id ? { kind: 'issued', id, apiKey: key.key } : { kind: 'too-many-keys' };
  }

  /** False when the organisation has no such key. Refused from the next request on every replica. */
  async revokeKey(organisationId: string, keyId: string, actor: AuditActor): Promise<boolean> {
    if (!(await this.keys.revoke(organisationId, keyId, actor))) return false;
    await this.notifier.organisationChanged(organisationId);
    return true;
  }
}
