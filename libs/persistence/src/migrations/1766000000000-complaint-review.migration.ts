import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Human reviews of a complaint's labels (docs/reviews.md). A review is keyed by the complaint
 * (the id of `GET /v1/complaints/:id`), not a version: it outlives reclassification and new
 * versions until it is deleted. The reviewed labels are also written into complaint.themes
 * and complaint.severity, which every reader already uses; the model's labels stay in
 * complaint.classification and, as they were when reviewed, here. The history of changes is
 * kept in audit_event (`complaint.review.put` / `complaint.review.delete`).
 *
 * complaint.label_uncertainty: how unsure the classifier was (0..1, libs/domain/src/review),
 * written with each classification; the review queue reads it highest first.
 */
export class ComplaintReview1766000000000 implements MigrationInterface {
  name = 'ComplaintReview1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE complaint_review (
        complaint_id uuid PRIMARY KEY REFERENCES complaint (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        reviewer_organisation_id uuid NOT NULL,
        reviewer_key_id uuid NULL,
        reviewer_contact_id uuid NULL,
        themes text[] NOT NULL,
        severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'serious')),
        note text NULL,
        model_themes text[] NOT NULL,
        model_severity text NOT NULL,
        model_version text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX complaint_review_organisation ON complaint_review (organisation_id)`);
    await db.query(`ALTER TABLE complaint ADD COLUMN label_uncertainty real`);
    // The queue: a body's processed complaints, least certain first (the Ombudsman's across bodies).
    await db.query(`CREATE INDEX complaint_review_queue_org ON complaint (organisation_id, label_uncertainty DESC NULLS LAST, id) WHERE status = 'processed'`);
    await db.query(`CREATE INDEX complaint_review_queue_all ON complaint (label_uncertainty DESC NULLS LAST, id) WHERE status = 'processed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX complaint_review_queue_all`);
    await db.query(`DROP INDEX complaint_review_queue_org`);
    await db.query(`ALTER TABLE complaint DROP COLUMN label_uncertainty`);
    await db.query(`DROP TABLE complaint_review`);
  }
}
