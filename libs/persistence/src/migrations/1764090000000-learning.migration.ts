import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the worker derives from each complaint: understanding, dedup, routing and the digests built from it. */
export class Learning1764090000000 implements MigrationInterface {
  name = 'Learning1764090000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE complaint
        ADD COLUMN redacted_summary text,
        ADD COLUMN redacted_learning text,
        ADD COLUMN classification jsonb,
        ADD COLUMN classifier_version text,
        ADD COLUMN severity text CHECK (severity IN ('low', 'medium', 'high', 'serious')),
        ADD COLUMN themes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN learning_summary text,
        ADD COLUMN exact_hash text,
        ADD COLUMN shingles bytea,
        ADD COLUMN duplicate_of uuid REFERENCES complaint (id),
        ADD COLUMN dedup_reason jsonb`);
    await db.query(`CREATE INDEX complaint_exact_hash ON complaint (organisation_id, exact_hash)`);
    await db.query(`CREATE INDEX complaint_complainant ON complaint (complainant_hash) WHERE complainant_hash IS NOT NULL`);
    await db.query(`CREATE INDEX complaint_classifier_version ON complaint (classifier_version)`);
    await db.query(`CREATE INDEX complaint_received_at ON complaint (received_at)`);

    // LSH band keys: a lookup touches only complaints sharing a band, whatever the table size.
    await db.query(`
      CREATE TABLE complaint_band (
        band bigint NOT NULL,
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        PRIMARY KEY (band, complaint_id)
      )`);
    await db.query(`CREATE INDEX complaint_band_complaint ON complaint_band (complaint_id)`);

    // Links are stored in both directions so "related of X" is one index look-up.
    await db.query(`
      CREATE TABLE complaint_link (
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        related_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        rule text NOT NULL CHECK (rule IN ('cross-body', 'same-complainant')),
        similarity real,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (complaint_id, related_id)
      )`);

    // People's decisions, which reprocessing must respect: a pair never to be merged
    // (stored once, lower id first) or a record merged by hand into another.
    await db.query(`
      CREATE TABLE dedup_override (
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        other_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('never-merge', 'merge-into')),
        decided_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (complaint_id, other_id, kind),
        CHECK (kind <> 'never-merge' OR complaint_id < other_id)
      )`);
    await db.query(`CREATE INDEX dedup_override_other ON dedup_override (other_id)`);

    await db.query(`
      CREATE TABLE routing_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        match jsonb NOT NULL DEFAULT '{}',
        target jsonb NOT NULL,
        mode text NOT NULL CHECK (mode IN ('immediate', 'digest')),
        include_body_name boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The default rules as they stood when this migration was written (a migration is a
    // snapshot: later edits to DEFAULT_ROUTING_RULES must not change what it did).
    await db.query(`
      INSERT INTO routing_rule (id, name, match, target, mode, include_body_name) VALUES
        ('00000000-0000-4000-8000-000000000001', 'Learning summaries to the submitting body (digest)',
         '{}', '{"kind":"submitter-contacts"}', 'digest', true),
        ('00000000-0000-4000-8000-000000000002', 'Serious complaints to the Ombudsman at once',
         '{"minSeverity":"serious"}', '{"kind":"ombudsman"}', 'immediate', true),
        ('00000000-0000-4000-8000-000000000003', 'Serious complaints to the submitting body at once',
         '{"minSeverity":"serious"}', '{"kind":"submitter-contacts"}', 'immediate', true),
        ('00000000-0000-4000-8000-000000000004', 'Upheld learning shared, anonymised, with subscribers in the same sector (digest)',
         '{"outcomes":["upheld","partly-upheld"]}', '{"kind":"sector-subscribers"}', 'digest', false)`);

    // One routed learning item for one contact. The unique key makes routing idempotent.
    await db.query(`
      CREATE TABLE delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        source_organisation_id uuid NOT NULL REFERENCES organisation (id),
        rule_id uuid,
        mode text NOT NULL CHECK (mode IN ('immediate', 'digest')),
        shared boolean NOT NULL,
        include_body_name boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failure_reason text,
        CONSTRAINT delivery_once UNIQUE (complaint_id, contact_id, mode)
      )`);
    await db.query(`CREATE INDEX delivery_digest_window ON delivery (contact_id, created_at) WHERE mode = 'digest'`);
    await db.query(`CREATE INDEX delivery_unsent_immediate ON delivery (created_at) WHERE mode = 'immediate' AND sent_at IS NULL`);

    // Exactly one digest per contact per period, whoever runs the scheduler and how often.
    await db.query(`
      CREATE TABLE digest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly')),
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'empty')),
        item_count integer NOT NULL DEFAULT 0,
        message_id text,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT digest_once UNIQUE (contact_id, frequency, period_start)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE digest`);
    await db.query(`DROP TABLE delivery`);
    await db.query(`DROP TABLE routing_rule`);
    await db.query(`DROP TABLE dedup_override`);
    await db.query(`DROP TABLE complaint_link`);
    await db.query(`DROP TABLE complaint_band`);
    await db.query(`
      ALTER TABLE complaint
        DROP COLUMN redacted_summary, DROP COLUMN redacted_learning, DROP COLUMN classification,
        DROP COLUMN classifier_version, DROP COLUMN severity, DROP COLUMN themes, DROP COLUMN learning_summary,
        DROP COLUMN exact_hash, DROP COLUMN shingles, DROP COLUMN duplicate_of, DROP COLUMN dedup_reason`);
  }
}
