import { spawnSync } from 'node:child_process';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import type { BuildResult } from './build';
import type { GeneratedOrganisation } from './complaint-generator';

export interface SeededOrganisation {
  id: string;
  apiKey: string;
  sector: string;
}

/** Drops (FORCE) and creates the database named in `databaseUrl`. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate database ${JSON.stringify(name)}`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabaseIfExists(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Applies the migrations with the built `migrate` CLI, as an operator would. */
export function runMigrations(build: BuildResult, databaseUrl: string): void {
  const run = spawnSync(process.execPath, [build.migrateCli], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`migrations failed: ${run.stderr || run.stdout}`);
}

/** Deletes every key under `prefix:` (SCAN + UNLINK); never touches other keys. */
export async function wipePrefix(redis: Redis, prefix: string): Promise<number> {
  if (!prefix || prefix.includes('*')) throw new Error(`refusing to wipe prefix ${JSON.stringify(prefix)}`);
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}

/** Empties every table the pipeline writes to, keeping organisations, their API keys, contacts and routing rules. */
export async function resetComplaints(db: Client | { query: Client['query'] }): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'
       AND tablename NOT IN ('organisation', 'api_key', 'contact', 'routing_rule', 'schema_migration')`,
  );
  if (rows.length > 0) await db.query(`TRUNCATE ${rows.map((r) => `"${r.name}"`).join(', ')} CASCADE`);
}

export async function createOrganisations(baseUrl: string, adminToken: string, organisations: GeneratedOrganisation[]): Promise<SeededOrganisation[]> {
  const created: SeededOrganisation[] = [];
  for (const [index, org] of organisations.entries()) {
    const response = await post(baseUrl, '/v1/organisations', adminToken, org);
    if (response.status !== 201) throw new Error(`organisation not created: ${response.status} ${response.text}`);
    const body = JSON.parse(response.text) as { id: string; apiKey: string };
    created.push({ id: body.id, apiKey: body.apiKey, sector: org.sector });
    // Two contacts per body, so routing has people to deliver to.
    for (const [n, digest] of (['weekly', 'daily'] as const).entries()) {
      const contact = { name: `Service Manager ${index + 1}-${n + 1}`, email: `manager${index + 1}.${n + 1}@bench.example.org`, digest };
      const added = await post(baseUrl, `/v1/organisations/${body.id}/contacts`, adminToken, contact);
      if (added.status !== 201) throw new Error(`contact not created: ${added.status} ${added.text}`);
    }
  }
  return created;
}

export async function post(baseUrl: string, path: string, token: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

export async function statusCounts(db: { query: Client['query'] }): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM complaint GROUP BY status');
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/** Records still `received` or `processing`, counted through the partial index that covers them. */
export async function unfinishedCount(db: { query: Client['query'] }): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM complaint WHERE status IN ('received', 'processing')`);
  return rows[0]?.n ?? 0;
}

export async function serverVersions(db: { query: Client['query'] }, redis: Redis): Promise<{ postgres: string; redis: string }> {
  const { rows } = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const info = await redis.info('server');
  return { postgres: rows[0]?.v ?? '?', redis: /redis_version:(\S+)/.exec(info)?.[1] ?? '?' };
}
