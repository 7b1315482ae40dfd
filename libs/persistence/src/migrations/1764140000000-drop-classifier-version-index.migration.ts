import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The only reader of classifier_version asks for rows whose version differs from the current
 * one, which a B-tree cannot answer (npm run reclassify walks the table in primary-key order
 * instead), while every write of a complaint paid for an entry in it.
 */
export class DropClassifierVersionIndex1764140000000 implements MigrationInterface {
  name = 'DropClassifierVersionIndex1764140000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS complaint_classifier_version`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX complaint_classifier_version ON complaint (classifier_version)`);
  }
}
