import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-phase sending (docs/mail.md, "Sending"): each email's row gets a lease taken in its own
 * committed transaction before SMTP is spoken to, so the outcome can be written afterwards
 * without holding a transaction open across the SMTP exchange. And a contact's unsubscribe
 * is recorded as such, apart from `digest = 'none'` (which a contact may have without ever
 * unsubscribing, and which still gets immediate alerts).
 */
export class MailSendLease1764100000000 implements MigrationInterface {
  name = 'MailSendLease1764100000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['delivery', 'digest', 'ombudsman_mail']) {
      // sending_until: a sender's claim, live until then; claim_token: whose claim (the
      // outcome is written only under it); claimed_by: the send-mail job that took it;
      // send_attempts: how many claims were taken.
      await db.query(`
        ALTER TABLE ${table}
          ADD COLUMN sending_until timestamptz,
          ADD COLUMN claim_token uuid,
          ADD COLUMN claimed_by text,
          ADD COLUMN send_attempts integer NOT NULL DEFAULT 0`);
    }
    // Set by the unsubscribe link; existing `digest = 'none'` contacts are not backfilled:
    // nothing tells an unsubscribe apart from a contact created without digests.
    await db.query(`ALTER TABLE contact ADD COLUMN unsubscribed_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contact DROP COLUMN unsubscribed_at`);
    for (const table of ['ombudsman_mail', 'digest', 'delivery']) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN send_attempts, DROP COLUMN claimed_by, DROP COLUMN claim_token, DROP COLUMN sending_until`);
    }
  }
}
