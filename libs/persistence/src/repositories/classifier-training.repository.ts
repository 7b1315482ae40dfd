import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from './query-rows';

/** A reviewed complaint as training reads it: redacted text only, and the reviewer's labels. */
export interface ReviewedComplaintRow {
  complaintId: string;
  summary: string;
  learning: string | null;
  serviceArea: string;
  themes: string[];
  severity: string;
}

/** Per theme, how reviewers treated what the model said. */
export interface ThemeAgreementRow {
  theme: string;
  added: number;
  removed: number;
  confirmed: number;
}

/**
 * Reads the reviews (owned by the review write path; never written here) for retraining and
 * for the agreement table, and re-queues unreviewed complaints after a model change.
 */
@Injectable()
export class ClassifierTrainingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every reviewed complaint whose redacted text exists, by complaint id (training is order-sensitive). */
  reviewedComplaints(): Promise<ReviewedComplaintRow[]> {
    return queryRows<ReviewedComplaintRow>(
      this.db,
      `SELECT r.complaint_id AS "complaintId", c.redacted_summary AS summary, c.redacted_learning AS learning,
              c.service_area AS "serviceArea", r.themes, r.severity
       FROM complaint_review r JOIN complaint c ON c.id = r.complaint_id
       WHERE c.redacted_summary IS NOT NULL
       ORDER BY r.complaint_id`,
    );
  }

  /** Reviewers' labels against the model's at review time: added, removed and confirmed per theme. */
  agreement(): Promise<ThemeAgreementRow[]> {
    return queryRows<ThemeAgreementRow>(
      this.db,
      `WITH labels AS (
         SELECT t.theme, true AS reviewer, t.theme = ANY(r.model_themes) AS model FROM complaint_review r, unnest(r.themes) AS t(theme)
         UNION ALL
         SELECT t.theme, false, true FROM complaint_review r, unnest(r.model_themes) AS t(theme) WHERE NOT t.theme = ANY(r.themes)
       )
       SELECT theme,
              count(*) FILTER (WHERE reviewer AND NOT model)::int AS added,
              count(*) FILTER (WHERE NOT reviewer)::int AS removed,
              count(*) FILTER (WHERE reviewer AND model)::int AS confirmed
       FROM labels GROUP BY theme ORDER BY theme`,
    );
  }

  /**
   * Puts one page (by id, after `after`) of finished, unreviewed complaints classified by
   * another model back to `received` and returns them. A reviewed complaint is left alone:
   * its labels are a person's, and re-running it would only be work the write path discards.
   */
  async claimOutdatedPage(after: string, limit: number, activeVersion: string): Promise<{ lastId: string | undefined; claimed: Array<{ complaintId: string; version: number }> }> {
    const page = await queryRows<{ id: string }>(this.db, `SELECT id FROM complaint WHERE id > $1 ORDER BY id LIMIT $2`, [after, limit]);
    if (page.length === 0) return { lastId: undefined, claimed: [] };
    const claimed = await queryRows<{ complaintId: string; version: number }>(
      this.db,
      `UPDATE complaint c SET status = 'received', status_changed_at = now()
       WHERE c.id = ANY($1::uuid[]) AND c.status IN ('processed', 'duplicate') AND c.classifier_version IS DISTINCT FROM $2
         AND NOT EXISTS (SELECT 1 FROM complaint_review r WHERE r.complaint_id = c.id)
       RETURNING c.id AS "complaintId", c.version`,
      [page.map((row) => row.id), activeVersion],
    );
    return { lastId: page[page.length - 1].id, claimed };
  }
}
