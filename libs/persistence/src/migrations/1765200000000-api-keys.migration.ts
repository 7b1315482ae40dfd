import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several keys per organisation, so a body can rotate (issue, switch, revoke the old one) and
 * a leaked key can be revoked. Each organisation's current key moves into `api_key` unchanged,
 * so it keeps working; the old columns are emptied (not dropped: tools and fixtures that insert
 * organisations directly still name them) so a revoked key's hash survives nowhere else.
 * `suspended_at` holds a body's requests (403) and its queued work (the worker skips it).
 */
export class ApiKeys1765200000000 implements MigrationInterface {
  name = 'ApiKeys1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        key_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX api_key_organisation ON api_key (organisation_id, created_at)`);
    await db.query(`
      INSERT INTO api_key (organisation_id, key_hash, prefix, created_at)
      SELECT id, api_key_hash, api_key_prefix, created_at FROM organisation WHERE api_key_hash IS NOT NULL`);
    await db.query(`ALTER TABLE organisation ALTER COLUMN api_key_hash DROP NOT NULL, ALTER COLUMN api_key_prefix DROP NOT NULL`);
    await db.query(`UPDATE organisation SET api_key_hash = NULL, api_key_prefix = NULL`);
    await db.query(`ALTER TABLE organisation ADD COLUMN suspended_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Back to one key each: the oldest key still active (an organisation with none gets a dead placeholder).
    await db.query(`
      UPDATE organisation o SET api_key_hash = coalesce(k.key_hash, 'revoked:' || o.id), api_key_prefix = coalesce(k.prefix, '')
      FROM organisation o2 LEFT JOIN LATERAL (
        SELECT key_hash, prefix FROM api_key WHERE organisation_id = o2.id AND revoked_at IS NULL ORDER BY created_at LIMIT 1
      ) k ON true
      WHERE o2.id = o.id`);
    await db.query(`ALTER TABLE organisation ALTER COLUMN api_key_hash SET NOT NULL, ALTER COLUMN api_key_prefix SET NOT NULL`);
    await db.query(`ALTER TABLE organisation DROP COLUMN suspended_at`);
    await db.query(`DROP TABLE api_key`);
  }
}
