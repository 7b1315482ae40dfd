/*
 * Rows the API cannot create, written straight to PostgreSQL: a sender's claim in progress, a
 * state from before a migration, half-processed complaints for a repository test. Every fixture
 * row a spec needs that way is written by a named builder here, never by inline SQL in the spec
 * (see ./fixtures.ts for the convention). Reading rows back to assert stays in the spec.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase } from '@app/persistence';
import { hashApiKey } from '../../apps/ingest/src/auth/api-keys';
import { MIGRATIONS } from '../../libs/persistence/src/migrations';

/** A pg Pool or client (rows in `.rows`) or a TypeORM DataSource (rows returned as they are). */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

async function rowsOf<T>(db: SqlRunner, sql: string, params: unknown[]): Promise<T[]> {
  const result = await db.query(sql, params);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A pending daily digest to `contactId` that a sender has claimed, as MailSendLease claims it, for 90 seconds from now. */
export async function claimedDigest(db: SqlRunner, contactId: string): Promise<void> {
  await db.query(
    `INSERT INTO digest (contact_id, frequency, period_start, period_end, sending_until, claim_token, send_attempts)
     VALUES ($1, 'daily', '2026-01-01', '2026-01-02', now() + interval '90 seconds', gen_random_uuid(), 1)`,
    [contactId],
  );
}

/** A daily digest whose send is in doubt (failed, held for an operator), covering `first` to one second after `last`; its id. */
export async function inDoubtDigest(db: SqlRunner, contactId: string, first: Date, last: Date): Promise<string> {
  const [{ id }] = await rowsOf<{ id: string }>(
    db,
    `INSERT INTO digest (contact_id, frequency, period_start, period_end, status, failure_reason)
     VALUES ($1, 'daily', $2, $3::timestamptz + interval '1 second', 'failed', 'in doubt: test') RETURNING id`,
    [contactId, first, last],
  );
  return id;
}

/**
 * A database migrated only up to before the api-keys migration (`keysMigration`), with one
 * organisation registered the old way: its key's hash on the organisation row. Its id.
 */
export async function organisationFromBeforeKeyRotation(databaseUrl: string, keysMigration: number, apiKey: string): Promise<string> {
  await ensureDatabase(databaseUrl);
  const older = MIGRATIONS.filter((migration) => Number(/\d+$/.exec(migration.name)?.[0]) < keysMigration);
  const db = await new DataSource({ ...dataSourceOptions({ databaseUrl, migrateOnStart: false, poolSize: 1 }), migrations: older }).initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    const [{ id }] = await rowsOf<{ id: string }>(
      db,
      `INSERT INTO organisation (name, kind, sector, api_key_hash, api_key_prefix) VALUES ('Old Trust', 'public-body', 'health', $1, $2) RETURNING id`,
      [hashApiKey(apiKey), apiKey.slice(0, 10)],
    );
    return id;
  } finally {
    await db.destroy();
  }
}

/** A bare organisation row (no usable API key), for repository tests that run without the API; its id. */
export async function bareOrganisation(db: SqlRunner, keyHash: string): Promise<string> {
  const [{ id }] = await rowsOf<{ id: string }>(
    db,
    `INSERT INTO organisation (name, kind, sector, api_key_hash, api_key_prefix) VALUES ('Body', 'public-body', 'health', $1, 'x') RETURNING id`,
    [keyHash],
  );
  return id;
}

/** A complaint the worker has claimed ('processing'), before its understanding is saved; its id. */
export async function complaintInProcessing(
  db: SqlRunner,
  complaint: { organisationId: string; reference: string; summary: string; receivedAt: Date },
): Promise<string> {
  const [{ id }] = await rowsOf<{ id: string }>(
    db,
    `INSERT INTO complaint (organisation_id, reference, content_hash, status, received_at, service_area, stage, summary, outcome)
     VALUES ($1, $2, 'h', 'processing', $4, 'Area', 'local', $3, 'upheld') RETURNING id`,
    [complaint.organisationId, complaint.reference, complaint.summary, complaint.receivedAt],
  );
  return id;
}

/** A cross-body link both ways between two complaints, as the dedup step records one (`similarity` null: none recorded). */
export async function crossBodyLink(db: SqlRunner, complaintId: string, relatedId: string, similarity: number | null): Promise<void> {
  await db.query(
    `INSERT INTO complaint_link (complaint_id, related_id, rule, similarity) VALUES ($1, $2, 'cross-body', $3), ($2, $1, 'cross-body', $3) ON CONFLICT DO NOTHING`,
    [complaintId, relatedId, similarity],
  );
}

/** The three bodies of the learning rollup tests, with the given ids: Riverside Trust and Hillside Practice (health), Eastborough Council (local government). */
export async function rollupBodies(db: SqlRunner, ids: { A: string; B: string; C: string }): Promise<void> {
  await db.query(
    `INSERT INTO organisation (id, name, kind, sector, api_key_hash, api_key_prefix) VALUES
     ($1, 'Riverside Trust', 'public-body', 'health', 'ha', 'p'), ($2, 'Hillside Practice', 'public-body', 'health', 'hb', 'p'),
     ($3, 'Eastborough Council', 'public-body', 'local-government', 'hc', 'p')`,
    [ids.A, ids.B, ids.C],
  );
}

export interface ProcessedComplaintRow {
  id: string;
  organisationId: string;
  reference: string;
  /** Backdated as the rollups need: any day, however long ago. */
  receivedAt: string;
  outcome: string;
  severity: string;
  themes: string[];
  learningSummary: string;
  /** Whether the model's classification (its version, severity and themes) is stored too. */
  classified: boolean;
}

/**
 * A complaint already processed, received on any day (the API only accepts what is received up
 * to now and processes it now): accepted five days after receipt, processed now.
 */
export async function processedComplaint(db: SqlRunner, complaint: ProcessedComplaintRow): Promise<void> {
  const { id, organisationId, reference, receivedAt, outcome, severity, themes, learningSummary, classified } = complaint;
  await db.query(
    `INSERT INTO complaint (id, organisation_id, reference, content_hash, status, received_at, service_area, stage, summary, outcome,
                            severity, themes, classification, learning_summary, processed_at, accepted_at, status_changed_at)
     VALUES ($1, $2, $3, md5($3), 'processed', $4, 'Ward 7', 'local', 'seeded complaint text', $5, $6, $7,
             CASE WHEN $9 THEN jsonb_build_object('version', 'v1', 'severity', $6::text, 'source', 'model',
                                                  'themes', (SELECT jsonb_agg(jsonb_build_object('id', t)) FROM unnest($7::text[]) t)) END,
             $8, now(), $4::timestamptz + interval '5 days', now())`,
    [id, organisationId, reference, receivedAt, outcome, severity, themes, learningSummary, classified],
  );
}
