import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DigestFrequency, OrganisationKind, Sector, ThemeId } from '@app/domain';
import { ContactEntity } from '../entities/contact.entity';
import { ApiKeyRepository, type NewApiKey } from './api-key.repository';
import { AuditRepository, type AuditActor } from './audit.repository';
import { execute, queryRows, type IdRow } from './query-rows';

export interface NewOrganisation {
  name: string;
  kind: OrganisationKind;
  sector: Sector;
  type?: string;
  region?: string;
}

export interface NewContact {
  organisationId: string;
  name: string;
  email: string;
  serviceAreas: string[];
  themes: ThemeId[];
  digest: DigestFrequency;
}

/** An organisation as the admin and the Ombudsman list them. */
export interface OrganisationListRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  sector: Sector;
  type: string | null;
  region: string | null;
  suspended: boolean;
  createdAt: Date;
}

export interface OrganisationListQuery {
  kind?: OrganisationKind;
  sector?: Sector;
  /** Continue after this position (the previous page's nextCursor, parsed). */
  after?: OrganisationListCursor;
  limit: number;
}

export interface OrganisationListCursor {
  name: string;
  id: string;
}

export interface OrganisationListPage {
  items: OrganisationListRow[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

export const ORGANISATION_LIST_MAX_LIMIT = 500;
export const ORGANISATION_LIST_DEFAULT_LIMIT = 100;

const CURSOR_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Null when the text is not a cursor this service issued. */
export function parseOrganisationListCursor(text: string): OrganisationListCursor | null {
  if (text.length === 0 || text.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [name, id] = value as unknown[];
    return typeof name === 'string' && typeof id === 'string' && CURSOR_UUID.test(id) ? { name, id } : null;
  } catch {
    return null;
  }
}

function formatOrganisationListCursor(cursor: OrganisationListCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id]), 'utf8').toString('base64url');
}

/** Unfinished complaint versions of one organisation, a page at a time (queued again on un-suspension). */
export interface PendingPage {
  items: Array<{ complaintId: string; version: number }>;
  /** Pass back as `after` for the next page; undefined on the last one. */
  next?: string;
}

/** Whether the organisation was suspended before this change (the row locked for it). */
interface SuspendedBefore {
  was: boolean;
}

@Injectable()
export class OrganisationRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** The organisation, its first API key and the audit row commit together. */
  async create(input: NewOrganisation, key: NewApiKey, actor: AuditActor): Promise<{ id: string; keyId: string }> {
    return this.db.transaction(async (em) => {
      const [{ id }] = await queryRows<IdRow>(
        em,
        `INSERT INTO organisation (name, kind, sector, type, region) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.name, input.kind, input.sector, input.type ?? null, input.region ?? null],
      );
      const keyId = await this.keys.insert(id, key, em);
      await this.audit.record(
        { actor, action: 'organisation.create', subjectType: 'organisation', subjectId: id, organisationId: id, detail: { kind: input.kind, sector: input.sector, keyId } },
        em,
      );
      return { id, keyId };
    });
  }

  /** By name, then id; keyset pages (a few thousand bodies at most, so no index of its own). */
  async list(query: OrganisationListQuery): Promise<OrganisationListPage> {
    const limit = Math.min(Math.max(Math.trunc(query.limit), 1), ORGANISATION_LIST_MAX_LIMIT);
    const rows = await queryRows<OrganisationListRow>(
      this.db,
      `SELECT id, name, kind, sector, type, region, suspended_at IS NOT NULL AS suspended, created_at AS "createdAt"
         FROM organisation
        WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR sector = $2)
          AND ($3::text IS NULL OR (name, id) > ($3::text, $4::uuid))
        ORDER BY name, id
        LIMIT $5`,
      [query.kind ?? null, query.sector ?? null, query.after?.name ?? null, query.after?.id ?? null, limit + 1],
    );
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items[items.length - 1];
    return { items, nextCursor: more ? formatOrganisationListCursor({ name: last.name, id: last.id }) : null };
  }

  /** One organisation as the list shows it (the operator's console); null when there is none. */
  async find(id: string): Promise<OrganisationListRow | null> {
    const rows = await queryRows<OrganisationListRow>(
      this.db,
      `SELECT id, name, kind, sector, type, region, suspended_at IS NOT NULL AS suspended, created_at AS "createdAt" FROM organisation WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async exists(id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(this.db, `SELECT id FROM organisation WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /**
   * Suspends or reinstates; null when there is no such organisation. `changed` is false when it
   * already was in that state (nothing audited then, nothing to queue again).
   */
  async setSuspended(id: string, suspended: boolean, actor: AuditActor): Promise<{ changed: boolean } | null> {
    return this.db.transaction(async (em) => {
      const rows = await queryRows<SuspendedBefore>(em, `SELECT suspended_at IS NOT NULL AS was FROM organisation WHERE id = $1 FOR UPDATE`, [id]);
      if (rows.length === 0) return null;
      if (rows[0].was === suspended) return { changed: false };
      await execute(em, `UPDATE organisation SET suspended_at = CASE WHEN $2 THEN now() END WHERE id = $1`, [id, suspended]);
      const action = suspended ? 'organisation.suspend' : 'organisation.reinstate';
      await this.audit.record({ actor, action, subjectType: 'organisation', subjectId: id, organisationId: id }, em);
      return { changed: true };
    });
  }

  /** The organisation's complaints still `received`/`processing`, by id. */
  async pendingComplaints(organisationId: string, limit: number, after = '00000000-0000-0000-0000-000000000000'): Promise<PendingPage> {
    const items = await queryRows<{ complaintId: string; version: number }>(
      this.db,
      `SELECT id AS "complaintId", version FROM complaint
       WHERE organisation_id = $1 AND status IN ('received', 'processing') AND id > $2 ORDER BY id LIMIT $3`,
      [organisationId, after, limit],
    );
    return { items, next: items.length === limit ? items[items.length - 1].complaintId : undefined };
  }

  /** Returns null when the (organisation, email) pair already exists. The audit row names the contact by id only. */
  async addContact(input: NewContact, actor: AuditActor = { kind: 'system' }): Promise<ContactEntity | null> {
    const id = await this.db.transaction(async (em) => {
      const rows = await queryRows<IdRow>(
        em,
        `INSERT INTO contact (organisation_id, name, email, service_areas, themes, digest)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING id`,
        [input.organisationId, input.name, input.email, input.serviceAreas, input.themes, input.digest],
      );
      if (rows.length === 0) return null;
      await this.audit.record(
        { actor, action: 'contact.add', subjectType: 'contact', subjectId: rows[0].id, organisationId: input.organisationId, detail: { digest: input.digest } },
        em,
      );
      return rows[0].id;
    });
    return id ? this.db.getRepository(ContactEntity).findOneByOrFail({ id }) : null;
  }
}
