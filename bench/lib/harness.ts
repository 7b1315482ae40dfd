/**
 * What every phase runs on: the built apps started as child processes with production
 * settings, the shared PostgreSQL and Redis, the SMTP sink, and the cleanup after a run.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { AppProcess } from './app-process';
import { BuildResult, ROOT } from './build';
import { ComplaintGenerator } from './complaint-generator';
import { profilesIn, ProfileSummary, summariseProfile } from './cpu-profile';
import { Settings } from './settings';
import { SmtpSink } from './smtp-sink';
import { SeededOrganisation, unfinishedCount, wipePrefix } from './services';
import { WORKER_NODE_ARGS } from '../../apps/worker/src/worker-heap';

export const say = (line: string) => console.log(`[bench] ${line}`);

/** One run: its id and secrets, the apps it started and the key prefixes it used (removed by `cleanup`). */
export class BenchHarness {
  readonly runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  readonly adminToken = randomBytes(24).toString('base64url');
  readonly hashSecret = randomBytes(32).toString('base64url');
  readonly unsubscribeSecret = randomBytes(32).toString('base64url');
  readonly varDir = join(ROOT, 'var', 'bench');
  readonly logDir = join(this.varDir, 'logs', this.runId);
  readonly profileDir = join(this.varDir, 'profiles', this.runId);
  readonly prefixes: string[] = [];
  readonly processes: AppProcess[] = [];
  // Alerts go to an in-process SMTP server that only counts them (nothing lands in var/outbox).
  readonly smtp = new SmtpSink();
  db!: Client;
  redis!: Redis;
  build!: BuildResult;
  orgs: SeededOrganisation[] = [];
  generator: ComplaintGenerator;

  constructor(readonly settings: Settings) {
    this.generator = new ComplaintGenerator({ seed: settings.seed, referencePrefix: `B${this.runId}`, variety: settings.textVariety });
  }

  prefix(phase: string): string {
    const prefix = `clpbench-${this.runId}-${phase}`;
    this.prefixes.push(prefix);
    return prefix;
  }

  appEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'production',
      PORT: String(this.settings.port),
      DATABASE_URL: this.settings.databaseUrl,
      REDIS_URL: this.settings.redisUrl,
      QUEUE_PREFIX: prefix,
      ADMIN_TOKEN: this.adminToken,
      COMPLAINANT_HASH_SECRET: this.hashSecret,
      // Production settings: every secret given, as a deployment must (README, Deployment).
      UNSUBSCRIBE_SECRET: this.unsubscribeSecret,
      UNSUBSCRIBE_KEY_ID: 'bench',
      PUBLIC_URL: 'https://learning.bench.example',
      WORKER_CONCURRENCY: String(this.settings.workerConcurrency),
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: this.settings.logLevel,
      MIGRATE_ON_START: 'false',
      SMTP_URL: this.smtp.url,
      MAIL_FROM: 'Complaint Learning <learning@bench.example>',
      ...this.settings.appEnv,
      ...extra,
    };
  }

  async startIngest(prefix: string, tag: string): Promise<AppProcess> {
    const app = new AppProcess({
      name: `ingest-${tag}`,
      entry: this.build.ingestMain,
      env: this.appEnv(prefix),
      logFile: join(this.logDir, `ingest-${tag}.log`),
      nodeArgs: this.profileArgs(`ingest-${tag}`),
    });
    this.processes.push(app);
    await app.waitUntil(async () => (await fetch(`${this.baseUrl}/health`)).status === 200, 'ingest /health to answer 200', 60_000);
    return app;
  }

  async startWorker(prefix: string, tag: string): Promise<AppProcess> {
    const app = new AppProcess({
      name: `worker-${tag}`,
      entry: this.build.workerMain,
      env: this.appEnv(prefix),
      logFile: join(this.logDir, `worker-${tag}.log`),
      // Started the way `npm run start:worker` starts it, heap ceiling included.
      nodeArgs: [...WORKER_NODE_ARGS, ...this.profileArgs(`worker-${tag}`)],
    });
    this.processes.push(app);
    // On a tree whose classifier changed, the worker trains the built-in model (seconds) before
    // its first batch, and it loads its name lists at start; the figures are about processing,
    // so the clock waits for both.
    // (The line is logged at info: with a quieter --log-level there is nothing to wait for.)
    const logsInfo = ['trace', 'debug', 'info'].includes(this.settings.logLevel);
    const classifierReady = logsInfo
      ? Promise.all([app.waitForLine(/"msg":"classifier model in use"/, 300_000), app.waitForLine(/"msg":"analysis prepared"/, 300_000)])
      : Promise.resolve([]);
    const redis = this.redis;
    // Ready when its BullMQ worker has registered on the complaints queue and has a classifier.
    const before = await workerClients(redis, prefix);
    await app.waitUntil(async () => (await workerClients(redis, prefix)) > before, 'the worker to connect to its queue', 60_000);
    await classifierReady;
    return app;
  }

  profileArgs(tag: string): string[] {
    return this.settings.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', join(this.profileDir, tag)] : [];
  }

  async stop(app: AppProcess): Promise<void> {
    if (this.settings.cpuProf) await app.stopForProfile();
    else await app.stop();
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.settings.port}`;
  }

  async cleanup(): Promise<void> {
    for (const app of this.processes) if (app.running) await app.kill9();
    for (const prefix of this.prefixes) await wipePrefix(this.redis, prefix).catch(() => undefined);
    await this.smtp.stop();
  }
}

async function workerClients(redis: Redis, prefix: string): Promise<number> {
  // BullMQ names a worker's connection "<prefix>:<base64(queue)>:w:<worker name>".
  const list = (await redis.client('LIST')) as string;
  const name = `${prefix}:${Buffer.from('complaints').toString('base64')}`;
  return list.split('\n').filter((line) => line.includes(` name=${name}`)).length;
}

/** The app's own queue contract (names, job options, id shape), from the same build the apps run. */
export function appContracts(bench: BenchHarness): typeof import('@app/contracts') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(bench.build.outDir, 'libs/contracts/src/index.js')) as typeof import('@app/contracts');
}

export function complaintsQueue(bench: BenchHarness, prefix: string): import('bullmq').Queue {
  const contracts = appContracts(bench);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Queue } = require('bullmq') as typeof import('bullmq');
  return new Queue(contracts.QueueName.Complaints, { connection: contracts.redisOptionsFromUrl(bench.settings.redisUrl), prefix });
}

/**
 * Records not yet finished, polled twice a second while the pipeline runs. While jobs remain
 * they are counted in Redis (one job per record; constant time); PostgreSQL is asked only
 * once the queue is empty. Counting the unfinished rows on every poll scanned an index full of
 * dead entries (autovacuum is off here) and cost PostgreSQL ~30–60 ms a poll, competing with
 * the pipeline it measures.
 */
export async function unfinishedRecords(bench: BenchHarness, queue: import('bullmq').Queue): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
  const queued = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return queued > 0 ? queued : unfinishedCount(bench.db);
}

export function collectProfiles(bench: BenchHarness, tag: string, title: string, into: Record<string, ProfileSummary>): void {
  if (!bench.settings.cpuProf) return;
  const files = profilesIn(join(bench.profileDir, tag));
  if (files.length === 0) {
    say(`no CPU profile was written for ${tag}`);
    return;
  }
  into[title] = summariseProfile(files[0], 15);
}

export function round(value: number | undefined, digits = 1): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function downsample(values: number[], count: number): number[] {
  if (values.length <= count) return values;
  return Array.from({ length: count }, (_, i) => values[Math.floor((i * values.length) / count)]);
}
