import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure and retention (docs/data-protection.md):
 * - foreign keys that made a hand-deleted row fail get an ON DELETE: a duplicate whose
 *   original is deleted loses the pointer (the erasure re-queues it for a new decision first);
 *   an organisation's complaints and deliveries go with it;
 * - `raw_text_dropped_at` marks a complaint whose raw text was replaced by its redacted copy;
 * - `learning_recount` lists complaints the learning rollup must look at again although their
 *   row changed or vanished without a status change (an erased complaint's counted day);
 * - indexes for finding the duplicates of an erased complaint, and the raw text still held.
 */
export class DataProtection1765300000001 implements MigrationInterface {
  name = 'DataProtection1765300000001';

  async up(db: QueryRunner): Promise<void> {
    await replaceForeignKey(db, 'complaint', 'complaint_duplicate_of_fkey', 'duplicate_of', 'complaint', 'SET NULL');
    await replaceForeignKey(db, 'complaint', 'complaint_organisation_id_fkey', 'organisation_id', 'organisation', 'CASCADE');
    await replaceForeignKey(db, 'delivery', 'delivery_organisation_id_fkey', 'organisation_id', 'organisation', 'CASCADE');
    await replaceForeignKey(db, 'delivery', 'delivery_source_organisation_id_fkey', 'source_organisation_id', 'organisation', 'CASCADE');
    await db.query(`CREATE INDEX IF NOT EXISTS complaint_duplicate_of ON complaint (duplicate_of) WHERE duplicate_of IS NOT NULL`);
    await db.query(`ALTER TABLE complaint ADD COLUMN raw_text_dropped_at timestamptz`);
    // A row enters when it is finished and leaves when its raw text is dropped: the retention
    // sweep reads only rows still holding raw text, oldest first.
    await db.query(`
      CREATE INDEX complaint_raw_text_held ON complaint (processed_at)
      WHERE raw_text_dropped_at IS NULL AND status IN ('processed', 'duplicate')`);
    await db.query(`CREATE TABLE learning_recount (complaint_id uuid PRIMARY KEY, queued_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE learning_recount`);
    await db.query(`DROP INDEX complaint_raw_text_held`);
    await db.query(`ALTER TABLE complaint DROP COLUMN raw_text_dropped_at`);
    await db.query(`DROP INDEX IF EXISTS complaint_duplicate_of`);
    await replaceForeignKey(db, 'delivery', 'delivery_source_organisation_id_fkey', 'source_organisation_id', 'organisation', 'NO ACTION');
    await replaceForeignKey(db, 'delivery', 'delivery_organisation_id_fkey', 'organisation_id', 'organisation', 'NO ACTION');
    await replaceForeignKey(db, 'complaint', 'complaint_organisation_id_fkey', 'organisation_id', 'organisation', 'NO ACTION');
    await replaceForeignKey(db, 'complaint', 'complaint_duplicate_of_fkey', 'duplicate_of', 'complaint', 'NO ACTION');
  }
}

async function replaceForeignKey(db: QueryRunner, table: string, name: string, column: string, target: string, onDelete: string): Promise<void> {
  await db.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name}`);
  // NOT VALID then VALIDATE: the check of existing rows does not block writers for its duration.
  await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (${column}) REFERENCES ${target} (id) ON DELETE ${onDelete} NOT VALID`);
  await db.query(`ALTER TABLE ${table} VALIDATE CONSTRAINT ${name}`);
}
