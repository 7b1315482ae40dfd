import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditRepository } from './audit.repository';
import { DEDUP_LOCK_KEY } from './pipeline-results.repository';
import { execute, queryRows } from './query-rows';

/** What to erase: one complaint, or every complaint carrying one of these complainant hashes. */
export type ErasureTarget = { complaintId: string } | { complainantHashes: string[] };

export interface ErasureRequest {
  target: ErasureTarget;
  /** Only complaints of this organisation; undefined: every body (Ombudsman, admin). */
  organisationId?: string;
  actor: AuditActor;
}

export interface ErasedComplaint {
  id: string;
  organisationId: string;
  versions: number;
  deliveriesUnsent: number;
  deliveriesSent: number;
  links: number;
}

export interface ErasureResult {
  erased: ErasedComplaint[];
  /** Duplicates of an erased complaint, put back to `received` to be decided again: queue them. */
  requeued: Array<{ complaintId: string; version: number }>;
}

/**
 * Erasure (UK GDPR art. 17): deletes complaints with everything derived from them, in one
 * transaction under the dedup lock, so no batch decides against a complaint while it goes.
 * The complaint row carries its current version, text, classification and fingerprint;
 * links, deliveries, clusters and dedup overrides go with it by ON DELETE CASCADE; band rows
 * (no foreign key, for write speed) are deleted by their keys; learning rollup contributions
 * are recomputed by the next refresh through `learning_recount`. One audit row per complaint,
 * ids and counts only.
 */
@Injectable()
export class ErasureRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async erase(request: ErasureRequest): Promise<ErasureResult> {
    return this.db.transaction(async (tx) => {
      await execute(tx, `SELECT pg_advisory_xact_lock($1)`, [DEDUP_LOCK_KEY]);
      const targets = await this.lockTargets(tx, request);
      if (targets.length === 0) return { erased: [], requeued: [] };
      const ids = targets.map((t) => t.id);
      const erased = await this.countDerived(tx, ids);
      await this.queueRecount(tx, ids);
      const requeued = await this.requeueDuplicates(tx, ids);
      await execute(
        tx,
        `DELETE FROM complaint_band b USING (SELECT id, unnest(bands) AS band FROM complaint WHERE id = ANY($1::uuid[])) o
         WHERE b.band = o.band AND b.complaint_id = o.id`,
        [ids],
      );
      await execute(tx, `DELETE FROM complaint WHERE id = ANY($1::uuid[])`, [ids]);
      for (const complaint of erased) await this.recordAudit(tx, request, complaint, requeued);
      return { erased, requeued: requeued.map(({ complaintId, version }) => ({ complaintId, version })) };
    });
  }

  private async lockTargets(tx: EntityManager, request: ErasureRequest): Promise<Array<{ id: string }>> {
    const byId = 'complaintId' in request.target ? [request.target.complaintId] : [];
    const byHash = 'complainantHashes' in request.target ? request.target.complainantHashes : [];
    return queryRows(
      tx,
      `SELECT id FROM complaint
       WHERE (id = ANY($1::uuid[]) OR complainant_hash = ANY($2::text[])) AND ($3::uuid IS NULL OR organisation_id = $3)
       ORDER BY id FOR UPDATE`,
      [byId, byHash, request.organisationId ?? null],
    );
  }

  private async countDerived(tx: EntityManager, ids: string[]): Promise<ErasedComplaint[]> {
    return queryRows<ErasedComplaint>(
      tx,
      `SELECT c.id, c.organisation_id AS "organisationId", c.version AS versions,
              (SELECT count(*) FROM delivery d WHERE d.complaint_id = c.id AND d.sent_at IS NULL)::int AS "deliveriesUnsent",
              (SELECT count(*) FROM delivery d WHERE d.complaint_id = c.id AND d.sent_at IS NOT NULL)::int AS "deliveriesSent",
              (SELECT count(*) FROM complaint_link l WHERE l.complaint_id = c.id)::int AS links
       FROM complaint c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
      [ids],
    );
  }

  /**
   * The rollup finds its changes by status; an erased complaint has no row left to change. Its
   * id (for the day it was counted on) and the complaints clustered or linked with it (whose
   * cluster changes) are listed for the next refresh.
   */
  private async queueRecount(tx: EntityManager, ids: string[]): Promise<void> {
    await execute(
      tx,
      `INSERT INTO learning_recount (complaint_id)
       SELECT id FROM unnest($1::uuid[]) AS e(id)
       UNION SELECT k.complaint_id FROM complaint_cluster k
             WHERE k.cluster_id IN (SELECT cluster_id FROM complaint_cluster WHERE complaint_id = ANY($1::uuid[]))
       UNION SELECT related_id FROM complaint_link WHERE complaint_id = ANY($1::uuid[])
       ON CONFLICT (complaint_id) DO UPDATE SET queued_at = now()`,
      [ids],
    );
  }

  /**
   * A duplicate only points at its original; with the original gone it must be decided again
   * (it may now be the original itself, or a duplicate of another). Numbered like a decision,
   * so batches whose candidates were read earlier see the change (as an unmerge does).
   */
  private async requeueDuplicates(tx: EntityManager, ids: string[]): Promise<Array<{ complaintId: string; version: number; of: string }>> {
    return queryRows(
      tx,
      `WITH d AS (
         SELECT id, duplicate_of FROM complaint WHERE duplicate_of = ANY($1::uuid[]) AND NOT (id = ANY($1::uuid[])) FOR UPDATE)
       UPDATE complaint c SET status = 'received', duplicate_of = NULL, dedup_reason = NULL, attempts = 0, failure_reason = NULL,
              status_changed_at = now(), decided_seq = nextval('complaint_decision_seq')
       FROM d WHERE c.id = d.id
       RETURNING c.id AS "complaintId", c.version, d.duplicate_of AS of`,
      [ids],
    );
  }

  private async recordAudit(
    tx: EntityManager,
    request: ErasureRequest,
    complaint: ErasedComplaint,
    requeued: Array<{ complaintId: string; of: string }>,
  ): Promise<void> {
    const { id, organisationId, ...counts } = complaint;
    await this.audit.record(
      {
        actor: request.actor,
        action: 'complaint.erase',
        subjectType: 'complaint',
        subjectId: id,
        organisationId,
        detail: {
          via: 'complaintId' in request.target ? 'complaint' : 'complainant',
          ...counts,
          duplicatesRequeued: requeued.filter((r) => r.of === id).map((r) => r.complaintId),
        },
      },
      tx,
    );
  }
}
