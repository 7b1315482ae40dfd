import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who changed what: organisations, keys, contacts, rules, merges, erasures, reviews. Rows are
 * only ever inserted; nothing in the application updates or deletes them. `detail` holds
 * identifiers and labels, never complaint text (an erasure must not leave the text here).
 */
export class Audit1765050000000 implements MigrationInterface {
  name = 'Audit1765050000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('admin', 'organisation', 'contact', 'system')),
        actor_id text,
        actor_key_id uuid,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        organisation_id uuid,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(`CREATE INDEX audit_event_at ON audit_event (at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_event_organisation ON audit_event (organisation_id, at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
  }
}
