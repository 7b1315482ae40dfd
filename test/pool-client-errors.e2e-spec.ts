import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '@app/persistence';
import { guardPoolClients } from '../libs/persistence/src/guard-pool-clients';

const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface RawClient {
  query(sql: string): Promise<{ rows: Array<{ pid: number }> }>;
  listenerCount(event: string): number;
  release(error?: Error): void;
}

/** A connection cut while a pooled client is checked out but idle must not kill the process. */
describe('pooled PostgreSQL clients losing their connection between queries (real PostgreSQL)', () => {
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/clp_test_${randomBytes(4).toString('hex')}`;
  let db: DataSource;
  let admin: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url.toString());
    db = await new DataSource(dataSourceOptions({ databaseUrl: url.toString(), migrateOnStart: false, poolSize: 2 })).initialize();
    admin = await new DataSource(dataSourceOptions({ databaseUrl: BASE_DATABASE_URL, migrateOnStart: false, poolSize: 1 })).initialize();
    guardPoolClients(db);
  });

  afterAll(async () => {
    await db.destroy();
    await admin.destroy();
    await dropDatabase(url.toString());
  });

  it('gives every new client an error listener, so a terminated backend is logged, not thrown', async () => {
    const pool = (db.driver as unknown as { master: { connect(): Promise<RawClient>; totalCount: number } }).master;
    // A new client (the pool's first one is already idle): checked out, no query running.
    const [first, client] = await Promise.all([pool.connect(), pool.connect()]);
    first.release();
    expect(client.listenerCount('error')).toBeGreaterThan(0);
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    // Without a listener the client's 'error' event would be unhandled and fail this test run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.release(new Error('connection lost'));
    expect(await db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
