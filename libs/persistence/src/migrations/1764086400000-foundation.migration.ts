import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764086400000 implements MigrationInterface {
  name = 'Foundation1764086400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('public-body', 'ombudsman')),
        sector text NOT NULL CHECK (sector IN ('health', 'local-government', 'central-government', 'social-care', 'other')),
        type text,
        region text,
        time_zone text NOT NULL DEFAULT 'Europe/London',
        api_key_hash text NOT NULL UNIQUE,
        api_key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        name text NOT NULL,
        email text NOT NULL,
        service_areas text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        digest text NOT NULL CHECK (digest IN ('daily', 'weekly', 'none')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX contact_organisation_email ON contact (organisation_id, lower(email))`);
    await db.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        reference text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        content_hash text NOT NULL,
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received', 'processing', 'processed', 'duplicate', 'failed')),
        received_at timestamptz NOT NULL,
        closed_at timestamptz,
        service_area text NOT NULL,
        channel text,
        stage text NOT NULL,
        summary text NOT NULL,
        outcome text NOT NULL,
        learning text,
        complainant_hash text,
        remedies text[] NOT NULL DEFAULT '{}',
        processed_version integer,
        attempts integer NOT NULL DEFAULT 0,
        failure_reason text,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        CONSTRAINT complaint_organisation_reference UNIQUE (organisation_id, reference)
      )`);
    // The re-drive sweep only ever looks at unfinished records; a partial index keeps it cheap.
    await db.query(`
      CREATE INDEX complaint_unfinished ON complaint (status_changed_at)
      WHERE status IN ('received', 'processing')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE complaint`);
    await db.query(`DROP TABLE contact`);
    await db.query(`DROP TABLE organisation`);
  }
}
