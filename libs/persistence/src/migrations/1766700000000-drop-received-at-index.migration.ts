import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `complaint_received_at (received_at)` is a prefix of `complaint_list_all (received_at, id)`
 * (1766300000000): every range on received_at can use the longer one at the same cost. The
 * complaint table carries some twenty indexes, and each INSERT and each status change (never
 * a HOT update: status is indexed) writes every one of them, so a redundant one is pure cost
 * to ingest and the worker.
 */
export class DropReceivedAtIndex1766700000000 implements MigrationInterface {
  name = 'DropReceivedAtIndex1766700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS complaint_received_at`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS complaint_received_at ON complaint (received_at)`);
  }
}
