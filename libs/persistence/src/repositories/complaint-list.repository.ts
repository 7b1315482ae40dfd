import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ComplaintStatus, Outcome, Severity, ThemeId } from '@app/domain';
import { queryRows } from './query-rows';

/** Who is asking: a body sees only its own complaints; the Ombudsman sees every body's. */
export interface ComplaintListViewer {
  organisationId: string;
  isOmbudsman: boolean;
}

/** A position in the list (receivedAt desc, id desc): the last row of the previous page. */
export interface ComplaintListCursor {
  /** PostgreSQL's own text of `received_at`, so the position keeps its microseconds. */
  receivedAt: string;
  id: string;
}

export interface ComplaintListFilter {
  /** Only for the Ombudsman: one body's complaints. Ignored for a body (it only ever sees its own). */
  organisationId?: string;
  status?: ComplaintStatus;
  theme?: ThemeId;
  severity?: Severity;
  /** Whole service area, compared case-insensitively. */
  serviceArea?: string;
  /** `receivedAt >= from`. */
  from?: Date;
  /** `receivedAt < to`. */
  to?: Date;
  /** Case-insensitive prefix of the body's own reference (the whole reference is a prefix of itself). */
  referencePrefix?: string;
}

export interface ComplaintListQuery extends ComplaintListFilter {
  after?: ComplaintListCursor;
  /** The page just above this position (a "Previous" link), in the same order; ignored when `after` is given. */
  before?: ComplaintListCursor;
  limit: number;
}

/** Why a complaint failed: a reason written by the pipeline (never submitted text), and when. */
export interface ComplaintFailure {
  reason: string;
  failedAt: Date;
  attempts: number;
}

export interface ComplaintListRow {
  id: string;
  organisationId: string;
  reference: string;
  status: ComplaintStatus;
  receivedAt: Date;
  serviceArea: string;
  outcome: Outcome;
  severity: Severity | null;
  themes: ThemeId[];
  duplicateOf: string | null;
  /** Present only when `status` is `failed`. */
  failure: ComplaintFailure | null;
}

export interface ComplaintListPage {
  items: ComplaintListRow[];
  /** Opaque; pass back as the next query's cursor (see parseComplaintListCursor). Null on the last page. */
  nextCursor: string | null;
  /** Pass as `before` for the page above this one; null on the first page. */
  previousCursor?: string | null;
}

export const COMPLAINT_LIST_MAX_LIMIT = 200;
export const COMPLAINT_LIST_DEFAULT_LIMIT = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's timestamptz output (ISO DateStyle), e.g. `2026-10-01 09:30:00.123456+00`. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/** The opaque text of a cursor: base64url of a small JSON pair. Clients must not build it. */
export function formatComplaintListCursor(cursor: ComplaintListCursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedAt, cursor.id]), 'utf8').toString('base64url');
}

/** Null when the text is not a cursor this service issued (edited, truncated, or from elsewhere). */
export function parseComplaintListCursor(text: string): ComplaintListCursor | null {
  if (text.length === 0 || text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [receivedAt, id] = value as unknown[];
  if (typeof receivedAt !== 'string' || typeof id !== 'string' || !PG_TIMESTAMP.test(receivedAt) || !UUID.test(id)) return null;
  if (Number.isNaN(Date.parse(receivedAt.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')))) return null;
  // JavaScript rolls 2026-02-30 over into March where PostgreSQL refuses it: a 400, not a 500.
  const day = receivedAt.slice(0, 10);
  if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return null;
  return { receivedAt, id };
}

/** `%`, `_` and `\` are literal characters in a reference, not LIKE wildcards. */
function likePrefix(prefix: string): string {
  return `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface ListedRow extends Omit<ComplaintListRow, 'failure'> {
  cursorAt: string;
  failureReason: string | null;
  statusChangedAt: Date;
  attempts: number;
}

/**
 * The complaint list behind `GET /v1/complaints` and the web app's list pages: newest received
 * first, a page at a time by keyset (never OFFSET), so a page costs the same at any depth and
 * complaints arriving between pages neither repeat nor push others out. Indexes: migration
 * 1766300000000.
 */
@Injectable()
export class ComplaintListRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(viewer: ComplaintListViewer, query: ComplaintListQuery): Promise<ComplaintListPage> {
    const limit = Math.min(Math.max(Math.trunc(query.limit), 1), COMPLAINT_LIST_MAX_LIMIT);
    // The access rule lives here, not in each caller: a body's own id whatever it asked for.
    const organisationId = viewer.isOmbudsman ? (query.organisationId ?? null) : viewer.organisationId;
    // A "Previous" page walks the same index the other way from its cursor, then reads as usual.
    const backward = !query.after && query.before !== undefined;
    const position = query.after ?? query.before;
    const rows = await queryRows<ListedRow>(
      this.db,
      `SELECT c.id, c.organisation_id AS "organisationId", c.reference, c.status, c.received_at AS "receivedAt",
              c.received_at::text AS "cursorAt", c.service_area AS "serviceArea", c.outcome, c.severity, c.themes,
              c.duplicate_of AS "duplicateOf", c.failure_reason AS "failureReason", c.status_changed_at AS "statusChangedAt", c.attempts
         FROM complaint c
        WHERE ($1::uuid IS NULL OR c.organisation_id = $1)
          AND ($2::text IS NULL OR c.status = $2)
          AND ($3::text IS NULL OR c.themes @> ARRAY[$3::text])
          AND ($4::text IS NULL OR c.severity = $4)
          AND ($5::text IS NULL OR lower(c.service_area) = lower($5))
          AND ($6::timestamptz IS NULL OR c.received_at >= $6)
          AND ($7::timestamptz IS NULL OR c.received_at < $7)
          AND ($8::text IS NULL OR lower(c.reference) LIKE $8)
          AND ($9::timestamptz IS NULL OR (c.received_at, c.id) ${backward ? '>' : '<'} ($9::timestamptz, $10::uuid))
        ORDER BY c.received_at ${backward ? 'ASC' : 'DESC'}, c.id ${backward ? 'ASC' : 'DESC'}
        LIMIT $11`,
      [
        organisationId,
        query.status ?? null,
        query.theme ?? null,
        query.severity ?? null,
        query.serviceArea ?? null,
        query.from ?? null,
        query.to ?? null,
        query.referencePrefix === undefined ? null : likePrefix(query.referencePrefix),
        position?.receivedAt ?? null,
        position?.id ?? null,
        limit + 1,
      ],
    );
    const more = rows.length > limit;
    if (backward) {
      const page = (more ? rows.slice(0, limit) : rows).reverse();
      const first = page[0];
      const last = page[page.length - 1];
      return {
        items: page.map(toRow),
        // The rows below this page start at the cursor it came from, so there is always a next page.
        nextCursor: last ? formatComplaintListCursor({ receivedAt: last.cursorAt, id: last.id }) : null,
        previousCursor: more && first ? formatComplaintListCursor({ receivedAt: first.cursorAt, id: first.id }) : null,
      };
    }
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map(toRow),
      nextCursor: more ? formatComplaintListCursor({ receivedAt: last.cursorAt, id: last.id }) : null,
      // Continuing from a cursor means rows above: the page before ends just above this one's first row.
      previousCursor: query.after && page[0] ? formatComplaintListCursor({ receivedAt: page[0].cursorAt, id: page[0].id }) : null,
    };
  }
}

function toRow(row: ListedRow): ComplaintListRow {
  const { cursorAt: _cursor, failureReason, statusChangedAt, attempts, ...rest } = row;
  return {
    ...rest,
    failure: row.status === 'failed' ? { reason: failureReason ?? 'processing failed', failedAt: statusChangedAt, attempts } : null,
  };
}
