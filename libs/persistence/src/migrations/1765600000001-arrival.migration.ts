import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The second clock: what *arrived* in a period (accepted by the API, often months after the
 * body received it) is read straight from the complaint table by accepted_at. Only processed
 * complaints are ever counted, so the index holds only those.
 */
export class Arrival1765600000001 implements MigrationInterface {
  name = 'Arrival1765600000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX complaint_processed_accepted_at ON complaint (accepted_at) WHERE status = 'processed'`);
    // Returns read one organisation's year by receipt.
    await db.query(`CREATE INDEX complaint_processed_org_received ON complaint (organisation_id, received_at) WHERE status = 'processed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX complaint_processed_org_received`);
    await db.query(`DROP INDEX complaint_processed_accepted_at`);
  }
}
