import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { AppConfig, loadConfig } from '@app/config';
import { dropDatabase, ensureDatabase } from '@app/persistence';
import { createIngestApp } from '../../apps/ingest/src/ingest.app';
import { createWorkerApp } from '../../apps/worker/src/worker.app';

const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BASE_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface StackOptions {
  /** Redis logical database; tests that FLUSHDB use one no other test file uses. */
  redisDb?: number;
  env?: Record<string, string>;
}

/**
 * A private copy of the system for one test file: its own PostgreSQL database, its own
 * Redis key prefix, the real ingest app on a real port and the real worker, so tests can
 * run while `npm start` is running and never touch a user's data.
 */
export class TestStack {
  readonly config: AppConfig;
  readonly db: Pool;
  readonly redis: Redis;
  ingest?: NestFastifyApplication;
  worker?: INestApplicationContext;
  private extraWorkers: INestApplicationContext[] = [];
  baseUrl = '';

  constructor(options: StackOptions = {}) {
    const id = randomBytes(4).toString('hex');
    const database = new URL(BASE_DATABASE_URL);
    database.pathname = `/clp_test_${id}`;
    const redis = new URL(BASE_REDIS_URL);
    redis.pathname = `/${options.redisDb ?? 0}`;
    this.config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.toString(),
      REDIS_URL: redis.toString(),
      QUEUE_PREFIX: `clpt-${id}`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      REDRIVE_AFTER_SECONDS: '2',
      REDRIVE_INTERVAL_SECONDS: '1',
      WORKER_CONCURRENCY: '32',
      ...options.env,
    });
    this.db = new Pool({ connectionString: this.config.databaseUrl, max: 4 });
    this.redis = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 3 });
  }

  async start(parts: { ingest?: boolean; worker?: boolean } = { ingest: true, worker: true }): Promise<this> {
    await ensureDatabase(this.config.databaseUrl);
    if (parts.ingest) await this.startIngest();
    if (parts.worker) await this.startWorker();
    return this;
  }

  async startIngest(): Promise<void> {
    this.ingest = await createIngestApp(this.config);
    await this.ingest.listen(0, '127.0.0.1');
    this.baseUrl = await this.ingest.getUrl();
    this.baseUrl = this.baseUrl.replace('[::1]', '127.0.0.1');
  }

  async startWorker(): Promise<void> {
    this.worker = await createWorkerApp(this.config);
  }

  /** Another worker replica on the same Redis and PostgreSQL (horizontal scale-out). */
  async startExtraWorker(): Promise<INestApplicationContext> {
    const replica = await createWorkerApp(this.config);
    this.extraWorkers.push(replica);
    return replica;
  }

  async stopWorker(): Promise<void> {
    await Promise.all([this.worker, ...this.extraWorkers].map((app) => app?.close()));
    this.worker = undefined;
    this.extraWorkers = [];
  }

  /** Deletes this stack's queue keys only (never the whole Redis server). */
  async wipeQueues(): Promise<number> {
    const keys = await this.redis.keys(`${this.config.queuePrefix}:*`);
    if (keys.length > 0) await this.redis.del(...keys);
    return keys.length;
  }

  async stop(): Promise<void> {
    await this.stopWorker();
    await this.ingest?.close();
    await this.wipeQueues().catch(() => undefined);
    this.redis.disconnect();
    await this.db.end();
    await dropDatabase(this.config.databaseUrl);
  }

  async waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Every complaint finished, and the learning rollup refreshed after the last status change. */
  async waitForProcessingAndRollup(): Promise<void> {
    await this.waitFor(async () => {
      const counts = await this.statusCounts();
      return counts.received === undefined && counts.processing === undefined;
    }, 'all complaints processed');
    await this.waitFor(async () => {
      const { rows } = await this.db.query<{ fresh: boolean }>(
        'SELECT (SELECT watermark FROM learning_refresh_state) > (SELECT max(status_changed_at) FROM complaint) AS fresh',
      );
      return rows[0].fresh === true;
      // Scheduled refreshes take at most a tenth of the worker's time (DutyCyclePacer), so on a
      // loaded machine a slow refresh defers the next by nine times as long: wait for the signal.
    }, 'the learning rollup to catch up', 120_000);
  }

  async statusCounts(): Promise<Record<string, number>> {
    const { rows } = await this.db.query<{ status: string; count: string }>('SELECT status, count(*) FROM complaint GROUP BY status');
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }
}
