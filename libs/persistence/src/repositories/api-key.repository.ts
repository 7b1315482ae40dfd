import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganisationKind, Sector } from '@app/domain';
import { AuditRepository, type AuditActor } from './audit.repository';
import { execute, queryRows, type IdRow } from './query-rows';

/** What a presented key resolves to; `suspended` is answered with 403, not 401. */
export interface KeyPrincipal {
  keyId: string;
  organisationId: string;
  kind: OrganisationKind;
  sector: Sector;
  suspended: boolean;
}

/** A key as listed to its organisation: never the secret, never its hash. */
export interface ApiKeySummary {
  id: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** How many keys an organisation holds unrevoked, against the cap. */
interface ActiveKeyCount {
  active: number;
}

/** A revoke: whether this call revoked the key (false: it already was), and its prefix for the audit row. */
interface RevokeOutcome {
  revoked: boolean;
  prefix: string;
}

export interface NewApiKey {
  hash: string;
  prefix: string;
}

/** `last_used_at` is written at most once a minute per key, so a busy key costs no write per request. */
const LOOKUP_SQL = `
  WITH k AS (SELECT id, organisation_id, last_used_at FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL),
  touch AS (
    UPDATE api_key a SET last_used_at = now() FROM k
    WHERE a.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'))
  SELECT k.id AS "keyId", o.id AS "organisationId", o.kind, o.sector, (o.suspended_at IS NOT NULL) AS suspended
  FROM k JOIN organisation o ON o.id = k.organisation_id`;

/** Organisations' API keys, stored as SHA-256 hashes; several may be active at once (rotation). */
@Injectable()
export class ApiKeyRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async findPrincipal(keyHash: string): Promise<KeyPrincipal | null> {
    const rows = await queryRows<KeyPrincipal>(this.db, LOOKUP_SQL, [keyHash]);
    return rows[0] ?? null;
  }

  /** Inside the caller's transaction when given one (organisation creation issues the first key). */
  async insert(organisationId: string, key: NewApiKey, manager: DataSource | EntityManager = this.db): Promise<string> {
    const rows = await queryRows<IdRow>(
      manager,
      `INSERT INTO api_key (organisation_id, key_hash, prefix) VALUES ($1, $2, $3) RETURNING id`,
      [organisationId, key.hash, key.prefix],
    );
    return rows[0].id;
  }

  /** Issues a key unless the organisation already holds `maxActive`; null then. Audited in the same transaction. */
  async issue(organisationId: string, key: NewApiKey, actor: AuditActor, maxActive: number): Promise<string | null> {
    return this.db.transaction(async (em) => {
      // Serialises issues for one organisation, so two concurrent requests cannot both pass the cap.
      await execute(em, `SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE`, [organisationId]);
      const [{ active }] = await queryRows<ActiveKeyCount>(em, `SELECT count(*)::int AS active FROM api_key WHERE organisation_id = $1 AND revoked_at IS NULL`, [organisationId]);
      if (active >= maxActive) return null;
      const id = await this.insert(organisationId, key, em);
      await this.audit.record({ actor, action: 'api-key.issue', subjectType: 'api-key', subjectId: id, organisationId, detail: { prefix: key.prefix } }, em);
      return id;
    });
  }

  async list(organisationId: string): Promise<ApiKeySummary[]> {
    return queryRows<ApiKeySummary>(
      this.db,
      `SELECT id, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
       FROM api_key WHERE organisation_id = $1 ORDER BY created_at, id`,
      [organisationId],
    );
  }

  /** False when the organisation has no such key. Revoking a revoked key is a no-op, audited once. */
  async revoke(organisationId: string, keyId: string, actor: AuditActor): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const rows = await queryRows<RevokeOutcome>(
        em,
        `WITH target AS (SELECT id, prefix, revoked_at FROM api_key WHERE id = $1 AND organisation_id = $2 FOR UPDATE),
         done AS (UPDATE api_key a SET revoked_at = now() FROM target t WHERE a.id = t.id AND t.revoked_at IS NULL RETURNING a.id)
         SELECT (SELECT count(*) FROM done) > 0 AS revoked, prefix FROM target`,
        [keyId, organisationId],
      );
      if (rows.length === 0) return false;
      if (rows[0].revoked) {
        await this.audit.record({ actor, action: 'api-key.revoke', subjectType: 'api-key', subjectId: keyId, organisationId, detail: { prefix: rows[0].prefix } }, em);
      }
      return true;
    });
  }
}
