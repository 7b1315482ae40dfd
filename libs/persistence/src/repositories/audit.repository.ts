import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { execute, queryRows } from './query-rows';

/** Who acted: the operator (admin token), an organisation's API key, a signed-in contact, or the system itself. */
export interface AuditActor {
  readonly kind: 'admin' | 'organisation' | 'contact' | 'system';
  /** Organisation id for 'organisation', contact id for 'contact'. */
  readonly id?: string;
  /** The API key used, when the actor authenticated with one. */
  readonly keyId?: string;
}

export interface AuditEntry {
  readonly actor: AuditActor;
  /** Dotted verb, e.g. `api-key.revoke`, `complaint.erase`, `dedup.merge`. */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string;
  /** The organisation the subject belongs to, so a body's own history can be filtered. */
  readonly organisationId?: string;
  /** Identifiers and labels only: never complaint text or other personal data. */
  readonly detail?: Record<string, unknown>;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorKind: AuditActor['kind'];
  actorId: string | null;
  actorKeyId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organisationId: string | null;
  detail: Record<string, unknown>;
}

export interface AuditQuery {
  organisationId?: string;
  action?: string;
  /** Rows with an id below this (the previous page's last id); newest first. */
  before?: string;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Pass the transaction's manager so the audit row commits or rolls back with the change. */
  async record(entry: AuditEntry, manager: DataSource | EntityManager = this.db): Promise<void> {
    await execute(
      manager,
      `INSERT INTO audit_event (actor_kind, actor_id, actor_key_id, action, subject_type, subject_id, organisation_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.actor.kind, entry.actor.id ?? null, entry.actor.keyId ?? null, entry.action, entry.subjectType, entry.subjectId ?? null, entry.organisationId ?? null, JSON.stringify(entry.detail ?? {})],
    );
  }

  async list(query: AuditQuery): Promise<AuditRow[]> {
    return queryRows<AuditRow>(
      this.db,
      `SELECT id::text, at, actor_kind AS "actorKind", actor_id AS "actorId", actor_key_id AS "actorKeyId", action,
              subject_type AS "subjectType", subject_id AS "subjectId", organisation_id AS "organisationId", detail
         FROM audit_event
        WHERE ($1::uuid IS NULL OR organisation_id = $1)
          AND ($2::text IS NULL OR action = $2)
          AND ($3::bigint IS NULL OR id < $3)
        ORDER BY audit_event.id DESC -- the column, not the text alias above ("10" < "9" as text)
        LIMIT $4`,
      [query.organisationId ?? null, query.action ?? null, query.before ?? null, query.limit],
    );
  }
}
