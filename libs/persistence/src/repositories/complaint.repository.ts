import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Classification, ComplaintRecord, ComplaintStatus } from '@app/domain';
import { execute, queryRows } from './query-rows';
import { retryOnDeadlock } from './retry-deadlock';

/** A validated record ready to persist: identifiers already hashed, content already fingerprinted. */
export interface ComplaintToStore extends ComplaintRecord {
  contentHash: string;
  complainantHash?: string;
}

export interface StoredVersion {
  id: string;
  reference: string;
  version: number;
  status: ComplaintStatus;
  /** True when this call inserted the record or changed its content, so it must be (re)processed. */
  changed: boolean;
}

export interface ProcessingClaim extends ComplaintRecord {
  id: string;
  organisationId: string;
  version: number;
  complainantHash: string | null;
  attempts: number;
  /** LSH band keys stored by an earlier understanding of this complaint, to replace them. */
  storedBands: string[] | null;
}

// Each row carries its own organisation, so single submissions from different bodies can
// share one statement; the conflict key is (organisation_id, reference), never reference alone.
const UPSERT_SQL = `
  WITH input AS (
    SELECT * FROM unnest(
      $1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]
    ) AS t(organisation_id, reference, content_hash, received_at, closed_at, service_area, channel,
           stage, summary, outcome, learning, complainant_hash, remedies)
  )
  INSERT INTO complaint AS c (organisation_id, reference, content_hash, received_at, closed_at, service_area,
                              channel, stage, summary, outcome, learning, complainant_hash, remedies)
  SELECT organisation_id, reference, content_hash, received_at, closed_at, service_area, channel, stage, summary, outcome,
         learning, complainant_hash, string_to_array(remedies, ',')
  FROM input
  ON CONFLICT (organisation_id, reference) DO UPDATE SET
    version = c.version + 1,
    content_hash = EXCLUDED.content_hash,
    received_at = EXCLUDED.received_at,
    closed_at = EXCLUDED.closed_at,
    service_area = EXCLUDED.service_area,
    channel = EXCLUDED.channel,
    stage = EXCLUDED.stage,
    summary = EXCLUDED.summary,
    outcome = EXCLUDED.outcome,
    learning = EXCLUDED.learning,
    complainant_hash = EXCLUDED.complainant_hash,
    remedies = EXCLUDED.remedies,
    raw_text_dropped_at = NULL,
    status = 'received',
    attempts = 0,
    failure_reason = NULL,
    status_changed_at = now()
  WHERE c.content_hash <> EXCLUDED.content_hash
  RETURNING id, organisation_id AS "organisationId", reference, version, status`;

const CURRENT_SQL = `
  SELECT c.id, c.organisation_id AS "organisationId", c.reference, c.version, c.status
  FROM complaint c JOIN unnest($1::uuid[], $2::text[]) AS k(organisation_id, reference)
    ON c.organisation_id = k.organisation_id AND c.reference = k.reference`;

const PENDING_SQL = `
  SELECT c.id, c.organisation_id AS "organisationId", c.version, c.reference, c.received_at AS "receivedAt",
         c.closed_at AS "closedAt", c.service_area AS "serviceArea", c.channel, c.stage, c.summary, c.outcome,
         c.learning, c.complainant_hash AS "complainantHash", c.remedies, c.attempts, c.bands::text[] AS "storedBands"
  FROM complaint c WHERE c.id = ANY($1::uuid[]) AND c.status IN ('received', 'processing')
    AND NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = c.organisation_id AND o.suspended_at IS NOT NULL)`;

// A suspended organisation's complaints are held, not lost: the worker skips them (above), they
// stay unfinished, the re-drive leaves them alone (below), and reinstating the body queues them.
const NOT_SUSPENDED = `NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = complaint.organisation_id AND o.suspended_at IS NOT NULL)`;

@Injectable()
export class ComplaintRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts new references and versions changed ones in one statement (unnest keeps the
   * parameter count fixed whatever the batch size). Unchanged resubmissions come back
   * with `changed: false` and their current state, so nothing is queued for them again.
   */
  async upsertMany(organisationId: string, records: ComplaintToStore[]): Promise<StoredVersion[]> {
    return this.upsertForOrganisations(records.map((record) => ({ organisationId, record })));
  }

  /**
   * `upsertMany` for rows of several organisations at once (ingest coalesces concurrent
   * single submissions into one statement). Answers in the order given. A reference may
   * appear once per organisation: PostgreSQL cannot touch one row twice in a statement.
   * Rows are written in (organisation, reference) order, so concurrent multi-row upserts
   * take their row locks in the same order and cannot deadlock on each other.
   */
  async upsertForOrganisations(rows: ReadonlyArray<{ organisationId: string; record: ComplaintToStore }>): Promise<StoredVersion[]> {
    if (rows.length === 0) return [];
    const keys = rows.map((row) => storeKey(row.organisationId, row.record.reference));
    if (new Set(keys).size !== keys.length) throw new Error('a reference appears twice for one organisation in one upsert');
    const sorted = rows.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    const column = <T>(pick: (record: ComplaintToStore) => T): T[] => sorted.map((i) => pick(rows[i].record));
    const params = [
      sorted.map((i) => rows[i].organisationId),
      column((r) => r.reference),
      column((r) => r.contentHash),
      column((r) => r.receivedAt.toISOString()),
      column((r) => r.closedAt?.toISOString() ?? null),
      column((r) => r.serviceArea),
      column((r) => r.channel ?? null),
      column((r) => r.stage),
      column((r) => r.summary),
      column((r) => r.outcome),
      column((r) => r.learning ?? null),
      column((r) => r.complainantHash ?? null),
      column((r) => r.remedies.join(',')),
    ];
    const written = await retryOnDeadlock(() => queryRows<StoredRow>(this.db, UPSERT_SQL, params));
    const byKey = new Map<string, StoredVersion>();
    for (const row of written) byKey.set(storeKey(row.organisationId, row.reference), storedVersion(row, true));
    const unchanged = sorted.filter((i) => !byKey.has(keys[i]));
    if (unchanged.length > 0) {
      const current = await queryRows<StoredRow>(this.db, CURRENT_SQL, [
        unchanged.map((i) => rows[i].organisationId),
        unchanged.map((i) => rows[i].record.reference),
      ]);
      for (const row of current) byKey.set(storeKey(row.organisationId, row.reference), storedVersion(row, false));
    }
    return keys.map((key, i) => {
      const stored = byKey.get(key);
      if (!stored) throw new Error(`complaint ${rows[i].record.reference} vanished during upsert`);
      return stored;
    });
  }

  /**
   * The given versions still to process; versions superseded or already finished are skipped.
   * A read only: the understanding write marks them `processing` (one row update, not two).
   */
  async loadForProcessing(jobs: Array<{ complaintId: string; version: number }>): Promise<ProcessingClaim[]> {
    if (jobs.length === 0) return [];
    const rows = await queryRows<ProcessingClaim & { closedAt: Date | null; channel: string | null; learning: string | null }>(
      this.db,
      PENDING_SQL,
      [jobs.map((j) => j.complaintId)],
    );
    // Versions are matched here, not joined in SQL: with `= ANY` the planner always takes the
    // primary key, where a join with unnest() turned into a scan of the table as it grew.
    const wanted = new Set(jobs.map((j) => `${j.complaintId}:${j.version}`));
    return rows.filter((row) => wanted.has(`${row.id}:${row.version}`)).map((row) => ({
      ...row,
      closedAt: row.closedAt ?? undefined,
      channel: row.channel ?? undefined,
      learning: row.learning ?? undefined,
    })) as ProcessingClaim[];
  }

  /** `attempts`: how many times the queue tried it, as a record that failed analysis never got counted. */
  async markFailed(complaintId: string, version: number, reason: string, attempts: number): Promise<void> {
    await execute(
      this.db,
      `UPDATE complaint SET status = 'failed', failure_reason = $3, status_changed_at = now(), attempts = greatest(attempts, $4)
       WHERE id = $1 AND version = $2 AND status IN ('received', 'processing')`,
      [complaintId, version, reason.slice(0, 1000), attempts],
    );
  }

  /**
   * Finds records left unfinished for longer than `olderThanSeconds` and touches them, so
   * the next sweep moves on to others; the caller re-enqueues what is returned.
   */
  /**
   * Unfinished records whose status is older than `olderThanSeconds` before `asOf` (default
   * now), marked as just re-driven so the next sweep moves on to others.
   */
  async takeStale(olderThanSeconds: number, limit: number, asOf?: Date): Promise<Array<{ complaintId: string; version: number }>> {
    return queryRows(
      this.db,
      `UPDATE complaint SET status_changed_at = now()
       WHERE id IN (
         SELECT id FROM complaint
         WHERE status IN ('received', 'processing')
           AND status_changed_at < least(now(), coalesce($3::timestamptz, now())) - make_interval(secs => $1)
           AND ${NOT_SUSPENDED}
         ORDER BY status_changed_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id AS "complaintId", version`,
      [olderThanSeconds, limit, asOf ?? null],
    );
  }

  /** Accepted records not yet finished, and how long the oldest has waited since it was accepted. */
  async unfinished(): Promise<{ count: number; oldestSeconds: number }> {
    const [row] = await queryRows<{ count: number; oldestSeconds: number }>(
      this.db,
      `SELECT count(*)::int AS count, coalesce(extract(epoch FROM now() - min(accepted_at)), 0)::float8 AS "oldestSeconds"
       FROM complaint WHERE status IN ('received', 'processing')`,
    );
    return row;
  }

  async findVisible(id: string, viewer: { organisationId: string; isOmbudsman: boolean }): Promise<ComplaintView | null> {
    const rows = await queryRows<ComplaintView>(
      this.db,
      `SELECT id, organisation_id AS "organisationId", reference, version, status, failure_reason AS "failureReason",
              classification, duplicate_of AS "duplicateOf", dedup_reason AS "dedupReason", learning_summary AS "learningSummary"
       FROM complaint WHERE id = $1 AND (organisation_id = $2 OR $3)`,
      [id, viewer.organisationId, viewer.isOmbudsman],
    );
    const view = rows[0];
    if (!view) return null;
    view.related = await queryRows<RelatedView>(
      this.db,
      `SELECT l.related_id AS id, c.organisation_id AS "organisationId", l.rule, l.similarity
       FROM complaint_link l JOIN complaint c ON c.id = l.related_id WHERE l.complaint_id = $1 ORDER BY l.created_at`,
      [id],
    );
    view.routedTo = await queryRows<RoutedView>(
      this.db,
      `SELECT organisation_id AS "organisationId", mode, shared, count(*)::int AS contacts,
              count(sent_at)::int AS sent
       FROM delivery WHERE complaint_id = $1 GROUP BY organisation_id, mode, shared ORDER BY mode, organisation_id`,
      [id],
    );
    return view;
  }
}

interface StoredRow {
  id: string;
  organisationId: string;
  reference: string;
  version: number;
  status: ComplaintStatus;
}

// Organisation ids are UUIDs, so the first space always ends the organisation.
function storeKey(organisationId: string, reference: string): string {
  return `${organisationId} ${reference}`;
}

function storedVersion(row: StoredRow, changed: boolean): StoredVersion {
  return { id: row.id, reference: row.reference, version: row.version, status: row.status, changed };
}

export interface RelatedView {
  id: string;
  organisationId: string;
  rule: string;
  similarity: number | null;
}

export interface RoutedView {
  organisationId: string;
  mode: string;
  shared: boolean;
  contacts: number;
  sent: number;
}

export interface ComplaintView {
  id: string;
  organisationId: string;
  reference: string;
  version: number;
  status: ComplaintStatus;
  failureReason: string | null;
  classification: Classification | null;
  duplicateOf: string | null;
  dedupReason: Record<string, unknown> | null;
  learningSummary: string | null;
  related: RelatedView[];
  routedTo: RoutedView[];
}
