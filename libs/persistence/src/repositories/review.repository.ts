import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Severity, ThemeId } from '@app/domain';
import type { AgreementCounts, ReviewLabels, ThemeSuggestion } from '@app/domain/review';
import { AuditRepository, type AuditActor } from './audit.repository';
import { execute, queryRows } from './query-rows';

/** Who may act on a complaint: its owning body, or the Ombudsman for any body. */
export interface ReviewViewer {
  organisationId: string;
  isOmbudsman: boolean;
}

export interface Reviewer extends ReviewViewer {
  keyId?: string;
  contactId?: string;
}

export interface ReviewRow {
  complaintId: string;
  organisationId: string;
  reviewerOrganisationId: string;
  reviewerKeyId: string | null;
  reviewerContactId: string | null;
  themes: ThemeId[];
  severity: Severity;
  note: string | null;
  modelThemes: ThemeId[];
  modelSeverity: Severity;
  modelVersion: string;
  createdAt: Date;
  updatedAt: Date;
}

export type ReviewWrite =
  | { kind: 'stored'; review: ReviewRow; created: boolean }
  | { kind: 'not-found' }
  /** Not classified yet: there are no model labels to review. */
  | { kind: 'not-classified' };

export interface QueueItem {
  id: string;
  organisationId: string;
  reference: string;
  receivedAt: Date;
  uncertainty: number | null;
  themes: ThemeId[];
  severity: Severity;
  suggestions: ThemeSuggestion[];
}

const REVIEW_COLUMNS = `complaint_id AS "complaintId", organisation_id AS "organisationId", reviewer_organisation_id AS "reviewerOrganisationId",
  reviewer_key_id AS "reviewerKeyId", reviewer_contact_id AS "reviewerContactId", themes, severity, note,
  model_themes AS "modelThemes", model_severity AS "modelSeverity", model_version AS "modelVersion",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Human reviews of a complaint's labels (docs/reviews.md). A review writes its labels into
 * complaint.themes/severity — the columns routing, digests, rollups and returns read — and
 * keeps the model's labels beside it; deleting it puts the model's labels back from
 * complaint.classification. Either way the complaint is listed in learning_recount so the
 * rollup recounts its day, and an audit row records the change (the review's history).
 */
@Injectable()
export class ReviewRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async find(complaintId: string): Promise<ReviewRow | null> {
    const rows = await queryRows<ReviewRow>(this.db, `SELECT ${REVIEW_COLUMNS} FROM complaint_review WHERE complaint_id = $1`, [complaintId]);
    return rows[0] ?? null;
  }

  /** The reviewed labels of those complaints that have a review (the pipeline routes by them). */
  async labelsOf(complaintIds: string[], manager: DataSource | EntityManager = this.db): Promise<Map<string, { themes: ThemeId[]; severity: Severity }>> {
    if (complaintIds.length === 0) return new Map();
    const rows = await queryRows<{ complaintId: string; themes: ThemeId[]; severity: Severity }>(
      manager,
      `SELECT complaint_id AS "complaintId", themes, severity FROM complaint_review WHERE complaint_id = ANY($1::uuid[])`,
      [complaintIds],
    );
    return new Map(rows.map((row) => [row.complaintId, { themes: row.themes, severity: row.severity }]));
  }

  async put(complaintId: string, reviewer: Reviewer, labels: ReviewLabels, actor: AuditActor): Promise<ReviewWrite> {
    return this.db.transaction(async (em) => {
      const complaint = await lockVisible(em, complaintId, reviewer);
      if (!complaint) return { kind: 'not-found' };
      if (!complaint.modelVersion || !complaint.modelSeverity) return { kind: 'not-classified' };
      const [existing] = await queryRows<{ themes: ThemeId[]; severity: Severity }>(
        em,
        `SELECT themes, severity FROM complaint_review WHERE complaint_id = $1`,
        [complaintId],
      );
      const [review] = await queryRows<ReviewRow>(
        em,
        `INSERT INTO complaint_review (complaint_id, organisation_id, reviewer_organisation_id, reviewer_key_id, reviewer_contact_id,
                                       themes, severity, note, model_themes, model_severity, model_version)
         VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::text[], $10, $11)
         ON CONFLICT (complaint_id) DO UPDATE SET
           reviewer_organisation_id = EXCLUDED.reviewer_organisation_id, reviewer_key_id = EXCLUDED.reviewer_key_id,
           reviewer_contact_id = EXCLUDED.reviewer_contact_id, themes = EXCLUDED.themes, severity = EXCLUDED.severity,
           note = EXCLUDED.note, model_themes = EXCLUDED.model_themes, model_severity = EXCLUDED.model_severity,
           model_version = EXCLUDED.model_version, updated_at = now()
         RETURNING ${REVIEW_COLUMNS}`,
        [
          complaintId,
          complaint.organisationId,
          reviewer.organisationId,
          reviewer.keyId ?? null,
          reviewer.contactId ?? null,
          labels.themes,
          labels.severity,
          labels.note,
          complaint.modelThemes,
          complaint.modelSeverity,
          complaint.modelVersion,
        ],
      );
      await setEffectiveLabels(em, complaintId, labels.themes, labels.severity);
      await this.audit.record(
        {
          actor,
          action: 'complaint.review.put',
          subjectType: 'complaint',
          subjectId: complaintId,
          organisationId: complaint.organisationId,
          // Labels only, never the note (free text may hold personal data).
          detail: {
            before: existing ?? { themes: complaint.modelThemes, severity: complaint.modelSeverity, source: 'model' },
            after: { themes: labels.themes, severity: labels.severity },
            model: { themes: complaint.modelThemes, severity: complaint.modelSeverity, version: complaint.modelVersion },
            note: labels.note !== null,
          },
        },
        em,
      );
      return { kind: 'stored', review, created: existing === undefined };
    });
  }

  /** Removes the review and restores the model's labels. Null when there is no such complaint (or review) for this viewer. */
  async remove(complaintId: string, viewer: ReviewViewer, actor: AuditActor): Promise<ReviewRow | null> {
    return this.db.transaction(async (em) => {
      const complaint = await lockVisible(em, complaintId, viewer);
      if (!complaint) return null;
      const [removed] = await queryRows<ReviewRow>(em, `DELETE FROM complaint_review WHERE complaint_id = $1 RETURNING ${REVIEW_COLUMNS}`, [complaintId]);
      if (!removed) return null;
      // The current model's labels: a reclassification since the review may have changed them.
      await setEffectiveLabels(em, complaintId, complaint.modelThemes, complaint.modelSeverity);
      await this.audit.record(
        {
          actor,
          action: 'complaint.review.delete',
          subjectType: 'complaint',
          subjectId: complaintId,
          organisationId: complaint.organisationId,
          detail: { before: { themes: removed.themes, severity: removed.severity }, after: { themes: complaint.modelThemes, severity: complaint.modelSeverity, source: 'model' } },
        },
        em,
      );
      return removed;
    });
  }

  /**
   * Processed, unreviewed complaints, least certain first (ties: oldest id order, stable
   * across pages). A body sees its own; the Ombudsman all. Not yet scored complaints last.
   */
  async queue(viewer: ReviewViewer, limit: number): Promise<QueueItem[]> {
    // Two statements, not `$1 OR organisation_id = $2`: each walks its own index in order.
    const scope = viewer.isOmbudsman ? '' : 'AND c.organisation_id = $2';
    return queryRows<QueueItem>(
      this.db,
      `SELECT c.id, c.organisation_id AS "organisationId", c.reference, c.received_at AS "receivedAt",
              c.label_uncertainty AS uncertainty, c.themes, c.severity,
              coalesce(c.classification -> 'suggestions', '[]'::jsonb) AS suggestions
       FROM complaint c
       WHERE c.status = 'processed' ${scope}
         AND NOT EXISTS (SELECT 1 FROM complaint_review r WHERE r.complaint_id = c.id)
       ORDER BY c.label_uncertainty DESC NULLS LAST, c.id
       LIMIT $1`,
      viewer.isOmbudsman ? [limit] : [limit, viewer.organisationId],
    );
  }

  /**
   * Per theme, how often reviewers confirmed, added or removed the model's label, over every
   * review (or one body's). Themes outside the taxonomy cannot occur (both sides are validated).
   */
  async agreementCounts(organisationId?: string): Promise<AgreementCounts[]> {
    return queryRows<AgreementCounts>(
      this.db,
      `SELECT t.theme,
              count(*) FILTER (WHERE t.theme = ANY(r.themes) AND t.theme = ANY(r.model_themes))::int AS confirmed,
              count(*) FILTER (WHERE t.theme = ANY(r.themes) AND NOT t.theme = ANY(r.model_themes))::int AS added,
              count(*) FILTER (WHERE NOT t.theme = ANY(r.themes) AND t.theme = ANY(r.model_themes))::int AS removed
       FROM complaint_review r
       CROSS JOIN LATERAL (SELECT DISTINCT unnest(r.themes || r.model_themes) AS theme) t
       WHERE $1::uuid IS NULL OR r.organisation_id = $1
       GROUP BY t.theme ORDER BY t.theme`,
      [organisationId ?? null],
    );
  }
}

interface LockedComplaint {
  organisationId: string;
  modelThemes: ThemeId[];
  modelSeverity: Severity | null;
  modelVersion: string | null;
}

/** The complaint, locked against a concurrent review or reclassification write; null when this viewer may not see it. */
async function lockVisible(em: EntityManager, complaintId: string, viewer: ReviewViewer): Promise<LockedComplaint | null> {
  const [row] = await queryRows<LockedComplaint>(
    em,
    `SELECT organisation_id AS "organisationId",
            coalesce(ARRAY(SELECT jsonb_array_elements(classification -> 'themes') ->> 'id'), '{}') AS "modelThemes",
            classification ->> 'severity' AS "modelSeverity", classification ->> 'version' AS "modelVersion"
     FROM complaint WHERE id = $1 AND (organisation_id = $2 OR $3) FOR UPDATE`,
    [complaintId, viewer.organisationId, viewer.isOmbudsman],
  );
  return row ?? null;
}

/** The labels every reader uses, and a recount of the complaint's day in the learning rollup. */
async function setEffectiveLabels(em: EntityManager, complaintId: string, themes: readonly string[], severity: string | null): Promise<void> {
  await execute(em, `UPDATE complaint SET themes = $2::text[], severity = $3 WHERE id = $1`, [complaintId, themes, severity]);
  await execute(
    em,
    `INSERT INTO learning_recount (complaint_id) VALUES ($1) ON CONFLICT (complaint_id) DO UPDATE SET queued_at = now()`,
    [complaintId],
  );
}
