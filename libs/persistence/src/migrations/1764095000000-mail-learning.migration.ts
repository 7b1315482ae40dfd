import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sending state for emails beyond the contact digests, and the learning rollup the
 * Ombudsman's aggregate queries read (see docs/mail.md, "Aggregates").
 */
export class MailLearning1764095000000 implements MigrationInterface {
  name = 'MailLearning1764095000000';

  async up(db: QueryRunner): Promise<void> {
    // The Message-ID an alert was accepted under, as for digests.
    await db.query(`ALTER TABLE delivery ADD COLUMN message_id text`);
    // The outbox sweep looks only at digests still to send.
    await db.query(`CREATE INDEX digest_pending ON digest (created_at) WHERE status = 'pending'`);

    // Ombudsman emails: the weekly summary and rising-theme alerts, one row per recipient.
    await db.query(`
      CREATE TABLE ombudsman_mail (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('weekly-summary', 'rising-theme')),
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        key text NOT NULL,
        period_start timestamptz,
        period_end timestamptz,
        payload jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'empty')),
        message_id text,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT ombudsman_mail_once UNIQUE (kind, contact_id, key)
      )`);
    await db.query(`CREATE INDEX ombudsman_mail_pending ON ombudsman_mail (created_at) WHERE status = 'pending'`);

    // A theme rising in a sector is alerted once per week, however many workers check.
    await db.query(`
      CREATE TABLE rising_theme_alert (
        sector text NOT NULL,
        theme text NOT NULL,
        week_start date NOT NULL,
        count integer NOT NULL,
        baseline_mean real NOT NULL,
        ratio real,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sector, theme, week_start)
      )`);

    // The rollup refresh finds what changed since its last run through this index.
    await db.query(`CREATE INDEX complaint_status_changed_at ON complaint (status_changed_at)`);

    // Cross-body related clusters (connected components of 'cross-body' links between
    // processed complaints); cluster_id is the smallest member id. Only multi-member rows.
    await db.query(`
      CREATE TABLE complaint_cluster (
        complaint_id uuid PRIMARY KEY REFERENCES complaint (id) ON DELETE CASCADE,
        cluster_id uuid NOT NULL
      )`);
    await db.query(`CREATE INDEX complaint_cluster_cluster ON complaint_cluster (cluster_id)`);

    // The day each processed complaint is counted under, so a complaint that moves day
    // (a new version with another receivedAt) or stops counting is taken off the old day.
    await db.query(`CREATE TABLE learning_counted (complaint_id uuid PRIMARY KEY, day date NOT NULL)`);
    await db.query(`CREATE INDEX learning_counted_day ON learning_counted (day)`);

    // Daily rollups (London days of received_at). Views across bodies count a cross-body
    // cluster once (its representative); the per-organisation theme table counts every
    // processed complaint of that organisation.
    await db.query(`
      CREATE TABLE learning_day_org (
        day date NOT NULL, organisation_id uuid NOT NULL, outcome text NOT NULL, severity text NOT NULL,
        count integer NOT NULL, PRIMARY KEY (day, organisation_id, outcome, severity)
      )`);
    await db.query(`
      CREATE TABLE learning_day_sector_theme (
        day date NOT NULL, sector text NOT NULL, theme text NOT NULL, outcome text NOT NULL,
        count integer NOT NULL, PRIMARY KEY (day, sector, theme, outcome)
      )`);
    await db.query(`
      CREATE TABLE learning_day_org_theme (
        day date NOT NULL, organisation_id uuid NOT NULL, theme text NOT NULL, outcome text NOT NULL,
        count integer NOT NULL, PRIMARY KEY (day, organisation_id, theme, outcome)
      )`);
    // One organisation's own figures read only its rows.
    await db.query(`CREATE INDEX learning_day_org_theme_organisation ON learning_day_org_theme (organisation_id, day)`);
    await db.query(`
      CREATE TABLE learning_day_sector_remedy (
        day date NOT NULL, sector text NOT NULL, remedy text NOT NULL,
        count integer NOT NULL, PRIMARY KEY (day, sector, remedy)
      )`);
    await db.query(`CREATE TABLE learning_refresh_state (id integer PRIMARY KEY CHECK (id = 1), watermark timestamptz NOT NULL)`);
    await db.query(`INSERT INTO learning_refresh_state (id, watermark) VALUES (1, '-infinity')`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'learning_refresh_state',
      'learning_day_sector_remedy',
      'learning_day_org_theme',
      'learning_day_sector_theme',
      'learning_day_org',
      'learning_counted',
      'complaint_cluster',
      'rising_theme_alert',
      'ombudsman_mail',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP INDEX complaint_status_changed_at`);
    await db.query(`DROP INDEX digest_pending`);
    await db.query(`ALTER TABLE delivery DROP COLUMN message_id`);
  }
}
