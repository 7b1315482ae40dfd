import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the complaint list (`GET /v1/complaints`, ComplaintListRepository). Every page is
 * ordered by (received_at DESC, id DESC) and continues below the cursor, so the order indexes
 * end in (received_at, id) and a page reads about `limit` entries at any depth. Dense filters
 * (a status or severity most complaints have) walk an order index and discard; sparse ones
 * (failed, serious, a rare theme, one service area, a reference) have an index to start from.
 * On 1,000,000 complaints over 300 bodies every shape measured took under 2 ms a page, warm
 * (EXPLAIN ANALYZE; figures in the issue #14 report); without these, the largest body's first
 * page and an absent service area across all bodies were sequential scans (~200 ms and more).
 */
export class ComplaintList1766300000000 implements MigrationInterface {
  name = 'ComplaintList1766300000000';

  async up(db: QueryRunner): Promise<void> {
    // One body's list, and the Ombudsman's list of one body.
    await db.query(`CREATE INDEX complaint_list_org ON complaint (organisation_id, received_at, id)`);
    // The Ombudsman's list of every body.
    await db.query(`CREATE INDEX complaint_list_all ON complaint (received_at, id)`);
    await db.query(`CREATE INDEX complaint_list_status ON complaint (status, received_at, id)`);
    await db.query(`CREATE INDEX complaint_list_severity ON complaint (severity, received_at, id) WHERE severity IS NOT NULL`);
    // Area first: serves one body's area (both equalities, then the order) and a rare area across all bodies.
    await db.query(`CREATE INDEX complaint_list_service_area ON complaint (lower(service_area), organisation_id, received_at, id)`);
    // Case-insensitive prefix of a reference: text_pattern_ops makes LIKE 'abc%' an index range.
    await db.query(`CREATE INDEX complaint_list_reference ON complaint (lower(reference) text_pattern_ops)`);
    // A rare theme: the bitmap of its complaints, then a sort of those alone.
    await db.query(`CREATE INDEX complaint_list_themes ON complaint USING gin (themes)`);
    // Deleting a contact locks and counts its emails (ContactRepository.remove): without these,
    // each table was read whole (delivery's keys lead with complaint_id, ombudsman_mail's with kind).
    await db.query(`CREATE INDEX delivery_contact ON delivery (contact_id)`);
    await db.query(`CREATE INDEX ombudsman_mail_contact ON ombudsman_mail (contact_id)`);
    // Expression indexes have no statistics until analysed; until then the planner guessed 0.5%
    // for any service area and walked the whole order index for an absent one (3.5 s measured).
    await db.query(`ANALYZE complaint`);
  }

  async down(db: QueryRunner): Promise<void> {
    const indexes = ['ombudsman_mail_contact', 'delivery_contact', 'complaint_list_themes', 'complaint_list_reference', 'complaint_list_service_area', 'complaint_list_severity', 'complaint_list_status', 'complaint_list_all', 'complaint_list_org'];
    for (const index of indexes) await db.query(`DROP INDEX ${index}`);
  }
}
