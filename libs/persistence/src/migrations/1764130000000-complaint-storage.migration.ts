import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cheaper writes of a complaint's large values. Every record is written with its raw text, its
 * redacted text, classification and shingles, so a long complaint's row is compressed and
 * TOASTed on each write: lz4 compresses text several times faster than the default pglz, and
 * shingles (sorted 32-bit hashes) never compress, so trying costs CPU for nothing. Catalog
 * changes only: rows already stored keep their format until they are next written.
 */
export class ComplaintStorage1764130000000 implements MigrationInterface {
  name = 'ComplaintStorage1764130000000';

  async up(db: QueryRunner): Promise<void> {
    for (const column of LZ4_COLUMNS) await db.query(`ALTER TABLE complaint ALTER COLUMN ${column} SET COMPRESSION lz4`);
    await db.query(`ALTER TABLE complaint ALTER COLUMN shingles SET STORAGE EXTERNAL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE complaint ALTER COLUMN shingles SET STORAGE EXTENDED`);
    for (const column of LZ4_COLUMNS) await db.query(`ALTER TABLE complaint ALTER COLUMN ${column} SET COMPRESSION default`);
  }
}

const LZ4_COLUMNS = ['summary', 'learning', 'redacted_summary', 'redacted_learning', 'classification', 'learning_summary'];
