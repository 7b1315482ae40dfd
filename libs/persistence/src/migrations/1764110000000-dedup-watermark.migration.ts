import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders dedup decisions, so the worker can read its candidates before taking the dedup lock
 * and, under the lock, look only at what was decided since (see PipelineResultsTransaction).
 */
export class DedupWatermark1764110000000 implements MigrationInterface {
  name = 'DedupWatermark1764110000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE complaint_decision_seq`);
    await db.query(`ALTER TABLE complaint ADD COLUMN decided_seq bigint`);
    await db.query(`CREATE INDEX complaint_decided ON complaint (decided_seq) WHERE decided_seq IS NOT NULL`);
    // 32 band rows are written per complaint; checking each against complaint cost more than
    // the rest of the insert. Complaints are never deleted, and every band look-up joins
    // complaint, so an orphan band could only ever be ignored.
    await db.query(`ALTER TABLE complaint_band DROP CONSTRAINT complaint_band_complaint_id_fkey`);
    // A band shared by many complaints is boilerplate; its look-up reads only the most recent
    // holders, in index order (see loadCandidateSnapshot). The unique index replaces the key.
    await db.query(`ALTER TABLE complaint_band ADD COLUMN received_at timestamptz`);
    await db.query(`UPDATE complaint_band b SET received_at = c.received_at FROM complaint c WHERE c.id = b.complaint_id`);
    await db.query(`DELETE FROM complaint_band WHERE received_at IS NULL`);
    await db.query(`ALTER TABLE complaint_band ALTER COLUMN received_at SET NOT NULL`);
    await db.query(`ALTER TABLE complaint_band DROP CONSTRAINT complaint_band_pkey`);
    await db.query(`CREATE UNIQUE INDEX complaint_band_recent ON complaint_band (band, received_at DESC, complaint_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX complaint_band_recent`);
    await db.query(`ALTER TABLE complaint_band ADD CONSTRAINT complaint_band_pkey PRIMARY KEY (band, complaint_id)`);
    await db.query(`ALTER TABLE complaint_band DROP COLUMN received_at`);
    await db.query(
      `ALTER TABLE complaint_band ADD CONSTRAINT complaint_band_complaint_id_fkey FOREIGN KEY (complaint_id) REFERENCES complaint (id) ON DELETE CASCADE`,
    );
    await db.query(`DROP INDEX complaint_decided`);
    await db.query(`ALTER TABLE complaint DROP COLUMN decided_seq`);
    await db.query(`DROP SEQUENCE complaint_decision_seq`);
  }
}
