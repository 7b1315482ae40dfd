import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each complaint keeps its own LSH band keys, so re-understanding it finds its old band rows by
 * key (through the band index) and nothing needs an index on complaint_band.complaint_id: that
 * index cost a second B-tree entry for every band row written. Band rows are now written with
 * the understanding, before the dedup lock, and 24 bands per complaint instead of 32 (keys of
 * bands 24–31 can never match again; see libs/domain/src/dedup/lsh.ts).
 */
export class BandKeys1764120000000 implements MigrationInterface {
  name = 'BandKeys1764120000000';

  async up(db: QueryRunner): Promise<void> {
    // The top 8 bits of a key are its band index.
    await db.query(`DELETE FROM complaint_band WHERE ((band >> 56) & 255) >= 24`);
    await db.query(`ALTER TABLE complaint ADD COLUMN bands bigint[]`);
    await db.query(
      `UPDATE complaint c SET bands = b.bands
       FROM (SELECT complaint_id, array_agg(band ORDER BY band) AS bands FROM complaint_band GROUP BY complaint_id) b
       WHERE c.id = b.complaint_id`,
    );
    await db.query(`DROP INDEX complaint_band_complaint`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX complaint_band_complaint ON complaint_band (complaint_id)`);
    await db.query(`ALTER TABLE complaint DROP COLUMN bands`);
  }
}
