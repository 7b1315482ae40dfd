import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Outcome, Severity, ThemeId } from '@app/domain';
import { DEDUP_LOCK_KEY } from './pipeline-results.repository';
import { PipelineResultsTransaction, type ComplaintOutcome, type RoutingInputs } from './pipeline-results.transaction';
import { insertDeliveries } from './delivery-rows';
import { execute, queryRows } from './query-rows';

/** What routing needs of a complaint whose labels a review changed. */
export interface RoutingSubject {
  id: string;
  organisationId: string;
  status: string;
  serviceArea: string;
  outcome: Outcome;
  themes: ThemeId[];
  severity: Severity | null;
}

export type PlannedDelivery = ComplaintOutcome['deliveries'][number];

/**
 * Re-routing after a review (or its removal), under the same advisory lock as the pipeline's
 * dedup decisions: a version being decided at the same time either sees the review (it reads
 * reviews under the lock) or is decided before this runs, never in between.
 */
@Injectable()
export class ReviewRoutingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async inRoutingLock<T>(work: (tx: ReviewRoutingTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (em) => {
      await execute(em, `SELECT pg_advisory_xact_lock($1)`, [DEDUP_LOCK_KEY]);
      return work(new ReviewRoutingTransaction(em));
    });
  }
}

export class ReviewRoutingTransaction {
  constructor(private readonly em: EntityManager) {}

  /**
   * Makes complaint.themes/severity the review's labels, or the model's when there is no
   * review: heals a reclassification that raced with the review. Returns the complaint, or
   * null when it no longer exists (erased).
   */
  async reconcileLabels(complaintId: string): Promise<RoutingSubject | null> {
    const changed = await queryRows<{ id: string }>(
      this.em,
      `UPDATE complaint c SET themes = l.themes, severity = l.severity
       FROM (SELECT coalesce(r.themes, ARRAY(SELECT jsonb_array_elements(k.classification -> 'themes') ->> 'id')) AS themes,
                    coalesce(r.severity, k.classification ->> 'severity') AS severity
             FROM complaint k LEFT JOIN complaint_review r ON r.complaint_id = k.id
             WHERE k.id = $1 AND k.classification IS NOT NULL) l
       WHERE c.id = $1 AND (c.themes IS DISTINCT FROM l.themes OR c.severity IS DISTINCT FROM l.severity)
       RETURNING c.id`,
      [complaintId],
    );
    if (changed.length > 0) {
      await execute(
        this.em,
        `INSERT INTO learning_recount (complaint_id) VALUES ($1) ON CONFLICT (complaint_id) DO UPDATE SET queued_at = now()`,
        [complaintId],
      );
    }
    const [subject] = await queryRows<RoutingSubject>(
      this.em,
      `SELECT id, organisation_id AS "organisationId", status, service_area AS "serviceArea", outcome, coalesce(themes, '{}') AS themes, severity
       FROM complaint WHERE id = $1`,
      [complaintId],
    );
    return subject ?? null;
  }

  loadRoutingInputs(organisationId: string, themes: ThemeId[]): Promise<RoutingInputs> {
    return new PipelineResultsTransaction(this.em).loadRoutingInputs([organisationId], themes);
  }

  /**
   * Adds the deliveries the labels now call for (a delivery that exists, sent or not, stays
   * as it is: `delivery_once` makes re-adding a no-op, so nothing is sent twice) and removes
   * those no longer called for that have not gone out: unsent, unclaimed and with no outcome
   * recorded. Returns how many were added and removed.
   */
  async replaceDeliveries(complaintId: string, planned: PlannedDelivery[]): Promise<{ added: number; removed: number }> {
    const removed = await queryRows<{ id: string }>(
      this.em,
      `DELETE FROM delivery d
       WHERE d.complaint_id = $1 AND d.sent_at IS NULL AND d.sending_until IS NULL AND d.failure_reason IS NULL
         AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::text[]) AS p(contact_id, mode) WHERE p.contact_id = d.contact_id AND p.mode = d.mode)
       RETURNING d.id`,
      [complaintId, planned.map((d) => d.contactId), planned.map((d) => d.mode)],
    );
    if (planned.length === 0) return { added: 0, removed: removed.length };
    const added = await insertDeliveries(this.em, planned.map((d) => ({ complaintId, ...d })));
    return { added: added.length, removed: removed.length };
  }
}
