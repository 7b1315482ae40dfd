import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Classification, ComplaintRecord, ComplaintStatus } from '@app/domain';
import { queryRows } from './query-rows';

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
}

const UPSERT_SQL = `
  WITH input AS (
    SELECT * FROM unnest(
      $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]
    ) AS t(reference, content_hash, received_at, closed_at, service_area, channel,
           stage, summary, outcome, learning, complainant_hash, remedies)
  )
  INSERT INTO complaint AS c (organisation_id, reference, content_hash, received_at, closed_at, service_area,
                              channel, stage, summary, outcome, learning, complainant_hash, remedies)
  SELECT $1, reference, content_hash, received_at, closed_at, service_area, channel, stage, summary, outcome,
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
    status = 'received',
    attempts = 0,
    failure_reason = NULL,
    status_changed_at = now()
  WHERE c.content_hash <> EXCLUDED.content_hash
  RETURNING id, reference, version, status`;

const CLAIM_SQL = `
  UPDATE complaint c SET status = 'processing', status_changed_at = now(), attempts = c.attempts + 1
  FROM unnest($1::uuid[], $2::int[]) AS j(id, version)
  WHERE c.id = j.id AND c.version = j.version AND c.status IN ('received', 'processing')
  RETURNING c.id, c.organisation_id AS "organisationId", c.version, c.reference, c.received_at AS "receivedAt",
            c.closed_at AS "closedAt", c.service_area AS "serviceArea", c.channel, c.stage, c.summary, c.outcome,
            c.learning, c.complainant_hash AS "complainantHash", c.remedies, c.attempts`;

@Injectable()
export class ComplaintRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts new references and versions changed ones in one statement (unnest keeps the
   * parameter count fixed whatever the batch size). Unchanged resubmissions come back
   * with `changed: false` and their current state, so nothing is queued for them again.
   */
  async upsertMany(organisationId: string, records: ComplaintToStore[]): Promise<StoredVersion[]> {
    if (records.length === 0) return [];
    const written: Array<Omit<StoredVersion, 'changed'>> = await this.db.query(UPSERT_SQL, [
      organisationId,
      records.map((r) => r.reference),
      records.map((r) => r.contentHash),
      records.map((r) => r.receivedAt.toISOString()),
      records.map((r) => r.closedAt?.toISOString() ?? null),
      records.map((r) => r.serviceArea),
      records.map((r) => r.channel ?? null),
      records.map((r) => r.stage),
      records.map((r) => r.summary),
      records.map((r) => r.outcome),
      records.map((r) => r.learning ?? null),
      records.map((r) => r.complainantHash ?? null),
      records.map((r) => r.remedies.join(',')),
    ]);
    const byReference = new Map<string, StoredVersion>(written.map((row) => [row.reference, { ...row, changed: true }]));
    const unchanged = records.map((r) => r.reference).filter((reference) => !byReference.has(reference));
    if (unchanged.length > 0) {
      const existing: Array<Omit<StoredVersion, 'changed'>> = await this.db.query(
        'SELECT id, reference, version, status FROM complaint WHERE organisation_id = $1 AND reference = ANY($2::text[])',
        [organisationId, unchanged],
      );
      for (const row of existing) byReference.set(row.reference, { ...row, changed: false });
    }
    return records.map((r) => {
      const stored = byReference.get(r.reference);
      if (!stored) throw new Error(`complaint ${r.reference} vanished during upsert`);
      return stored;
    });
  }

  /** Moves the given versions to `processing`; versions superseded or already finished are skipped. */
  async claimForProcessing(jobs: Array<{ complaintId: string; version: number }>): Promise<ProcessingClaim[]> {
    if (jobs.length === 0) return [];
    const rows = await queryRows<ProcessingClaim & { closedAt: Date | null; channel: string | null; learning: string | null }>(
      this.db,
      CLAIM_SQL,
      [jobs.map((j) => j.complaintId), jobs.map((j) => j.version)],
    );
    return rows.map((row) => ({
      ...row,
      closedAt: row.closedAt ?? undefined,
      channel: row.channel ?? undefined,
      learning: row.learning ?? undefined,
    })) as ProcessingClaim[];
  }

  async markProcessed(claims: Array<{ id: string; version: number }>): Promise<void> {
    if (claims.length === 0) return;
    await this.db.query(
      `UPDATE complaint c SET status = 'processed', processed_version = j.version, processed_at = now(),
              status_changed_at = now(), failure_reason = NULL
       FROM unnest($1::uuid[], $2::int[]) AS j(id, version)
       WHERE c.id = j.id AND c.version = j.version`,
      [claims.map((c) => c.id), claims.map((c) => c.version)],
    );
  }

  async markFailed(complaintId: string, version: number, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE complaint SET status = 'failed', failure_reason = $3, status_changed_at = now()
       WHERE id = $1 AND version = $2 AND status IN ('received', 'processing')`,
      [complaintId, version, reason.slice(0, 1000)],
    );
  }

  /**
   * Finds records left unfinished for longer than `olderThanSeconds` and touches them, so
   * the next sweep moves on to others; the caller re-enqueues what is returned.
   */
  async takeStale(olderThanSeconds: number, limit: number): Promise<Array<{ complaintId: string; version: number }>> {
    return queryRows(
      this.db,
      `UPDATE complaint SET status_changed_at = now()
       WHERE id IN (
         SELECT id FROM complaint
         WHERE status IN ('received', 'processing') AND status_changed_at < now() - make_interval(secs => $1)
         ORDER BY status_changed_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id AS "complaintId", version`,
      [olderThanSeconds, limit],
    );
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
