/**
 * `npm run bench` — the pipeline's speed as a measured fact (issue 6).
 *
 * Builds the apps (into var/build/bench; skipped when fresh), then on the same PostgreSQL and
 * Redis, in one run:
 *   1. baseline   raw BullMQ, no-op processor: addBulk + drain N jobs (own process, plain JS)
 *   2. ingest     autocannon against POST /v1/complaints/batch (records/s) and, at a fixed
 *                 rate, POST /v1/complaints (requests/s, p50/p99 latency)
 *   3. pipeline   ingest + worker as child processes: first POST → every record processed
 *                 or duplicate (records/s)
 *   4. memory     worker peak RSS while it works through a backlog of 100,000 jobs
 * Prints a table and writes bench/results/latest.json. `--help` lists the flags.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { AppProcess, sleep } from './lib/app-process';
import { buildApps, BuildResult, ROOT } from './lib/build';
import { ComplaintGenerator, GeneratedRecord } from './lib/complaint-generator';
import { formatProfile, profilesIn, ProfileSummary, summariseProfile } from './lib/cpu-profile';
import { SmtpSink } from './lib/smtp-sink';
import { WORKER_NODE_ARGS } from '../apps/worker/src/worker-heap';
import { createOrganisations, recreateDatabase, resetComplaints, runMigrations, SeededOrganisation, serverVersions, statusCounts, unfinishedCount, wipePrefix } from './lib/services';

interface Settings {
  records: number;
  organisations: number;
  batchSize: number;
  postConcurrency: number;
  workerConcurrency: number;
  /** Worker processes in the pipeline run (replicas on one Redis and one PostgreSQL). */
  workers: number;
  backlog: number;
  backlogSeconds: number;
  maxPipelineSeconds: number;
  singleRate: number;
  singleSeconds: number;
  singleConnections: number;
  batchConnections: number;
  batchRecords: number;
  seed: number;
  textVariety: 'realistic' | 'templated';
  logLevel: string;
  cpuProf: boolean;
  skip: string[];
  databaseUrl: string;
  redisUrl: string;
  port: number;
  build: boolean;
  /** Extra environment for the apps, from repeated --env KEY=VALUE. */
  appEnv: Record<string, string>;
}

const HELP = `npm run bench -- [flags]
  --records N            records through the whole pipeline and jobs in the baseline (default 20000)
  --organisations N      public bodies seeded (default 20)
  --batch-size N         records per POST /v1/complaints/batch in the pipeline run (default 500)
  --post-concurrency N   batch POSTs in flight during the pipeline run (default 4)
  --concurrency N        WORKER_CONCURRENCY for the worker and the baseline (default 256, as the app)
  --workers N            worker processes in the pipeline run (default 1; each is one Node thread)
  --batch-records N      records sent by the autocannon batch-ingest run (default = --records)
  --batch-connections N  autocannon connections for the batch run (default 4)
  --single-rate N        fixed request rate for the single-record run (default 500)
  --single-seconds N     length of the single-record run (default 10)
  --single-connections N autocannon connections for the single-record run (default 50)
  --backlog N            jobs queued before the worker starts, for the memory run (default 100000)
  --backlog-seconds N    how long the worker works through that backlog while RSS is sampled (default 30)
  --max-pipeline-seconds N  stop waiting for the pipeline after N s and report the rate so far as incomplete (default 180)
  --seed N               data generator seed (default 20261125)
  --text-variety V       realistic (default: distinct complaints share little wording) or templated
                         (few sentence templates, so every record meets ~30 dedup band candidates;
                         the generator of runs before 26 November 2026)
  --log-level L          LOG_LEVEL of the apps (default info, as in production)
  --skip a,b             skip phases: baseline, ingest, pipeline, memory, dashboard
  --only dashboard       only the learning dashboard phase (1,000,000 complaints; --complaints N, --requests N)
  --cpu-prof             run the apps with --cpu-prof and print their hottest functions
  --no-build             use var/build/bench as it is
  --env KEY=VALUE        extra environment for ingest and worker (repeatable), e.g. --env MAIL_DISPATCH_INTERVAL_MS=500
  --database-url U       PostgreSQL database to drop and recreate (default …/clp_bench)
  --redis-url U          Redis (default redis://127.0.0.1:6379); only this run's key prefixes are touched`;

function parseSettings(argv: string[]): Settings {
  const flags = new Map<string, string>();
  const appEnv: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}; see --help`);
    const eq = arg.indexOf('=');
    const key = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (key === 'env') {
      const pair = inline ?? argv[++i] ?? '';
      const split = pair.indexOf('=');
      if (split <= 0) throw new Error(`--env needs KEY=VALUE, got ${pair}`);
      appEnv[pair.slice(0, split)] = pair.slice(split + 1);
      continue;
    }
    if (inline !== undefined) flags.set(key, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(key, argv[++i]);
    else flags.set(key, 'true');
  }
  const known = ['records', 'organisations', 'batch-size', 'post-concurrency', 'concurrency', 'workers', 'backlog', 'backlog-seconds', 'max-pipeline-seconds', 'single-rate', 'single-seconds', 'single-connections', 'batch-connections', 'batch-records', 'seed', 'text-variety', 'log-level', 'skip', 'cpu-prof', 'no-build', 'database-url', 'redis-url', 'port'];
  for (const key of flags.keys()) if (!known.includes(key)) throw new Error(`unknown flag --${key}; see --help`);
  const int = (key: string, fallback: number) => {
    const raw = flags.get(key);
    if (raw === undefined) return fallback;
    const value = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${key} must be a positive integer, got ${raw}`);
    return value;
  };
  const records = int('records', 20_000);
  return {
    records,
    organisations: int('organisations', 20),
    batchSize: Math.min(1000, int('batch-size', 500)),
    postConcurrency: int('post-concurrency', 4),
    workerConcurrency: int('concurrency', 256),
    workers: int('workers', 1),
    backlog: int('backlog', 100_000),
    backlogSeconds: int('backlog-seconds', 30),
    maxPipelineSeconds: int('max-pipeline-seconds', 180),
    singleRate: int('single-rate', 500),
    singleSeconds: int('single-seconds', 10),
    singleConnections: int('single-connections', 50),
    batchConnections: int('batch-connections', 4),
    batchRecords: int('batch-records', records),
    seed: int('seed', 20261125),
    textVariety: textVariety(flags.get('text-variety')),
    logLevel: flags.get('log-level') ?? 'info',
    cpuProf: flags.has('cpu-prof'),
    skip: (flags.get('skip') ?? '').split(',').filter(Boolean),
    databaseUrl: flags.get('database-url') ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/clp_bench',
    redisUrl: flags.get('redis-url') ?? process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    port: int('port', 3400 + Math.floor(Math.random() * 500)),
    build: !flags.has('no-build'),
    appEnv,
  };
}

function textVariety(raw: string | undefined): Settings['textVariety'] {
  if (raw === undefined || raw === 'realistic' || raw === 'templated') return raw ?? 'realistic';
  throw new Error(`--text-variety must be realistic or templated, got ${raw}`);
}

const say = (line: string) => console.log(`[bench] ${line}`);

class Bench {
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
    const redis = this.redis;
    // Ready when its BullMQ worker has registered on the complaints queue.
    const before = await workerClients(redis, prefix);
    await app.waitUntil(async () => (await workerClients(redis, prefix)) > before, 'the worker to connect to its queue', 60_000);
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

async function main(): Promise<void> {
  // `--only dashboard [--complaints N] [--requests N]`: the learning dashboard alone, on its own database (bench/dashboard.bench.ts).
  if (process.argv[2] === '--only' && process.argv[3] === 'dashboard') {
    await (await import('./dashboard.bench')).runDashboardBench(process.argv.slice(4));
    return;
  }
  const settings = parseSettings(process.argv.slice(2));
  const bench = new Bench(settings);
  const started = Date.now();
  bench.build = buildApps('bench', { log: say, skipCompile: !settings.build });
  bench.redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 3 });
  mkdirSync(bench.logDir, { recursive: true });
  await bench.smtp.start();
  const loadBefore = loadavg()[0];
  if (loadBefore > 1) say(`WARNING: the machine is busy before the run (load average ${loadBefore.toFixed(2)} on ${cpus().length} CPUs); figures will be low and noisy`);
  if (settings.cpuProf) rmSync(bench.profileDir, { recursive: true, force: true });

  say(`run ${bench.runId}: ${settings.records} records, ${settings.organisations} organisations, WORKER_CONCURRENCY=${settings.workerConcurrency}, logs in ${relative(ROOT, bench.logDir)}`);
  await recreateDatabase(settings.databaseUrl);
  runMigrations(bench.build, settings.databaseUrl);
  bench.db = new Client({ connectionString: settings.databaseUrl });
  await bench.db.connect();
  const versions = await serverVersions(bench.db, bench.redis);

  const results: Record<string, unknown> = {};
  const profiles: Record<string, ProfileSummary> = {};
  const onSignal = () => {
    void bench.cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  try {
    // Organisations are created through the API, once, by a throwaway ingest.
    const seedPrefix = bench.prefix('seed');
    const seeder = await bench.startIngest(seedPrefix, 'seed');
    const generated = bench.generator.organisations(settings.organisations);
    bench.orgs = await createOrganisations(bench.baseUrl, bench.adminToken, generated);
    await createOrganisations(bench.baseUrl, bench.adminToken, [{ name: 'Bench Ombudsman', kind: 'ombudsman', sector: 'health', type: 'ombudsman', region: 'London' }]);
    await seeder.stop();
    await wipePrefix(bench.redis, seedPrefix);

    if (!settings.skip.includes('baseline')) Object.assign(results, await runBaseline(bench));
    if (!settings.skip.includes('ingest')) Object.assign(results, await runIngest(bench, profiles));
    if (!settings.skip.includes('pipeline')) Object.assign(results, await runPipeline(bench, profiles));
    if (!settings.skip.includes('memory')) Object.assign(results, await runMemory(bench));
    if (!settings.skip.includes('dashboard')) Object.assign(results, await (await import('./dashboard.bench')).runDashboardBench());
  } finally {
    await bench.cleanup();
    await bench.db.end().catch(() => undefined);
    bench.redis.disconnect();
  }

  const baseline = results.baselineJobsPerSecond as number | undefined;
  const pipeline = results.pipelineRecordsPerSecond as number | undefined;
  const ratio = baseline && pipeline ? pipeline / baseline : undefined;
  const report = {
    timestamp: new Date().toISOString(),
    commit: currentCommit(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', totalMemoryMb: Math.round(totalmem() / 2 ** 20), node: process.version, platform: `${process.platform}-${process.arch}`, ...versions, loadAverageBefore: round(loadBefore, 2), loadAverageAfter: round(loadavg()[0], 2) },
    settings: { ...settings, databaseUrl: redactUrl(settings.databaseUrl), redisUrl: redactUrl(settings.redisUrl) },
    baselineJobsPerSecond: round(baseline),
    pipelineRecordsPerSecond: round(pipeline),
    ratioToBaseline: ratio === undefined ? undefined : round(ratio, 3),
    ...Object.fromEntries(Object.entries(results).filter(([key]) => !['baselineJobsPerSecond', 'pipelineRecordsPerSecond'].includes(key))),
    targets: targets(results, ratio),
    durationSeconds: round((Date.now() - started) / 1000),
    profiles: Object.keys(profiles).length > 0 ? profiles : undefined,
  };
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  printTable(report, results, ratio);
  for (const [name, summary] of Object.entries(profiles)) console.log(`\n${formatProfile(name, summary)}`);
  say(`wrote bench/results/latest.json (${report.durationSeconds} s in all)`);
}

/* ---------------------------------------------------------------- 1. baseline */

async function runBaseline(bench: Bench): Promise<Record<string, unknown>> {
  const { settings } = bench;
  say(`baseline: raw BullMQ, no-op processor, ${settings.records} jobs, concurrency ${settings.workerConcurrency}`);
  const prefix = bench.prefix('baseline');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'lib', 'baseline-child.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        BENCH_DIST: bench.build.outDir,
        BENCH_JOBS: String(settings.records),
        BENCH_CONCURRENCY: String(settings.workerConcurrency),
        BENCH_PREFIX: prefix,
        REDIS_URL: settings.redisUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`baseline failed (${code}): ${err}`))));
  });
  await wipePrefix(bench.redis, prefix);
  const result = JSON.parse(output.trim().split('\n').pop() as string) as { jobsPerSecond: number; elapsedMs: number; addMs: number };
  say(`baseline: ${result.jobsPerSecond.toFixed(0)} jobs/s (${(result.elapsedMs / 1000).toFixed(2)} s, adds done after ${(result.addMs / 1000).toFixed(2)} s)`);
  return { baselineJobsPerSecond: result.jobsPerSecond, baseline: { jobs: settings.records, elapsedMs: round(result.elapsedMs), addBulkMs: round(result.addMs) } };
}

/* ---------------------------------------------------------------- 2. ingest */

async function runIngest(bench: Bench, profiles: Record<string, ProfileSummary>): Promise<Record<string, unknown>> {
  const { settings } = bench;
  const prefix = bench.prefix('ingest');
  const ingest = await bench.startIngest(prefix, 'ingest');

  // Batch: every body distinct, pre-serialised, so the client costs nothing per request.
  const perBody = 1000;
  const byOrg = bench.generator.records(settings.batchRecords, bench.orgs.length);
  const bodies: Array<{ token: string; body: string; count: number }> = [];
  byOrg.forEach((records, orgIndex) => {
    for (let i = 0; i < records.length; i += perBody) {
      const items = records.slice(i, i + perBody);
      bodies.push({ token: bench.orgs[orgIndex].apiKey, body: JSON.stringify({ items }), count: items.length });
    }
  });
  say(`ingest batch: ${settings.batchRecords} records in ${bodies.length} bodies of ≤ ${perBody}, ${settings.batchConnections} connections`);
  await warmUp(bench);
  const batch = await cannon({
    url: `${bench.baseUrl}/v1/complaints/batch`,
    connections: settings.batchConnections,
    amount: bodies.length,
    timeout: 120,
    bodies,
  });
  const batchRecords = bodies.reduce((sum, body) => sum + body.count, 0);
  const batchSeconds = batch.durationMs / 1000;
  const ingestBatchRecordsPerSecond = batchRecords / batchSeconds;
  if (batch.non2xx > 0 || batch.errors > 0) say(`ingest batch: WARNING ${batch.non2xx} non-2xx answers, ${batch.errors} errors`);
  say(`ingest batch: ${ingestBatchRecordsPerSecond.toFixed(0)} records/s (${batchSeconds.toFixed(2)} s, p50 ${batch.p50} ms, p99 ${batch.p99} ms per request)`);

  // Single: fixed arrival rate, one distinct record per request; latency of every answer as measured.
  const singleCount = settings.singleRate * settings.singleSeconds;
  const singles: Array<{ token: string; body: string; count: number }> = [];
  for (let i = 0; i < singleCount; i += 1) {
    const orgIndex = i % bench.orgs.length;
    singles.push({ token: bench.orgs[orgIndex].apiKey, body: JSON.stringify(bench.generator.record(orgIndex)), count: 1 });
  }
  say(`ingest single: ${settings.singleRate} req/s for ${settings.singleSeconds} s over ${settings.singleConnections} connections`);
  // One untimed second at the same rate over the same connections: connection set-up and the
  // first requests' warm-up are not what the figure is about.
  await cannon({
    url: `${bench.baseUrl}/v1/complaints`,
    connections: settings.singleConnections,
    amount: settings.singleRate,
    overallRate: settings.singleRate,
    timeout: 30,
    bodies: Array.from({ length: settings.singleRate }, (_, i) => ({
      token: bench.orgs[i % bench.orgs.length].apiKey,
      body: JSON.stringify(bench.generator.record(i % bench.orgs.length)),
    })),
  });
  const single = await cannon({
    url: `${bench.baseUrl}/v1/complaints`,
    connections: settings.singleConnections,
    amount: singleCount,
    overallRate: settings.singleRate,
    timeout: 30,
    bodies: singles,
  });
  if (single.non2xx > 0 || single.errors > 0) say(`ingest single: WARNING ${single.non2xx} non-2xx answers, ${single.errors} errors`);
  say(`ingest single: ${single.requestsPerSecond.toFixed(0)} req/s, p50 ${single.p50} ms, p99 ${single.p99} ms, max ${single.max} ms`);
  const memory = ingest.memory();
  await bench.stop(ingest);
  collectProfiles(bench, 'ingest-ingest', 'ingest (batch + single runs)', profiles);
  await wipePrefix(bench.redis, prefix);
  await resetComplaints(bench.db);
  return {
    ingestBatchRecordsPerSecond: round(ingestBatchRecordsPerSecond),
    ingestSingleRequestsPerSecond: round(single.requestsPerSecond),
    ingestSingleP50Ms: single.p50,
    ingestSingleP99Ms: single.p99,
    ingestBatch: { records: batchRecords, requests: bodies.length, seconds: round(batchSeconds, 2), requestP50Ms: batch.p50, requestP99Ms: batch.p99, non2xx: batch.non2xx, errors: batch.errors },
    ingestSingle: { requests: singleCount, targetRate: settings.singleRate, p50Ms: single.p50, p90Ms: single.p90, p99Ms: single.p99, maxMs: single.max, non2xx: single.non2xx, errors: single.errors },
    ingestPeakRssMb: round(memory.peakRssMb),
  };
}

async function warmUp(bench: Bench): Promise<void> {
  // A few requests so JIT warm-up and connection pools are not billed to the first measurement.
  for (let i = 0; i < 30; i += 1) {
    const orgIndex = i % bench.orgs.length;
    const items = Array.from({ length: 20 }, () => bench.generator.record(orgIndex));
    await fetch(`${bench.baseUrl}/v1/complaints/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bench.orgs[orgIndex].apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    });
  }
}

interface CannonResult {
  durationMs: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

async function cannon(options: {
  url: string;
  connections: number;
  amount: number;
  overallRate?: number;
  timeout: number;
  bodies: Array<{ token: string; body: string }>;
}): Promise<CannonResult> {
  let next = 0;
  // Timed here, from the call to the last answer: autocannon's own start/finish fall on its
  // one-second sampling ticks, which rounded a short batch run up to whole seconds.
  const started = performance.now();
  let lastAnswer = started;
  const latencies: number[] = [];
  const run = autocannon({
    url: options.url,
    connections: options.connections,
    amount: options.amount,
    overallRate: options.overallRate,
    timeout: options.timeout,
    method: 'POST',
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const entry = options.bodies[next % options.bodies.length];
          next += 1;
          return { ...request, method: 'POST', body: entry.body, headers: { 'content-type': 'application/json', authorization: `Bearer ${entry.token}` } };
        },
      },
    ],
  } as unknown as autocannon.Options) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter;
  run.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    lastAnswer = performance.now();
    latencies.push(responseTimeMs);
  });
  const result = await run;
  const durationMs = Math.max(1, lastAnswer - started);
  // Percentiles of the answers themselves. autocannon's own, with a fixed rate, "correct" for
  // coordinated omission with an expected interval of ceil(1 / per-connection rate) = 1 ms,
  // so one 100 ms answer counted as 100 samples and a handful of them made its p99.
  latencies.sort((a, b) => a - b);
  const at = (index: number) => Math.round((latencies[index] ?? 0) * 10) / 10;
  const percentile = (p: number) => at(Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length)));
  return {
    durationMs,
    requestsPerSecond: (result.requests.total / durationMs) * 1000,
    p50: percentile(50),
    p90: percentile(90),
    p99: percentile(99),
    max: at(latencies.length - 1),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/* ---------------------------------------------------------------- 3. pipeline */

async function runPipeline(bench: Bench, profiles: Record<string, ProfileSummary>): Promise<Record<string, unknown>> {
  const { settings } = bench;
  const prefix = bench.prefix('pipeline');
  const byOrg = bench.generator.records(settings.records, bench.orgs.length);
  const bodies: Array<{ token: string; body: string; count: number }> = [];
  // Interleave bodies from different bodies (organisations), as real traffic would.
  const chunks = byOrg.map((records) => {
    const list: GeneratedRecord[][] = [];
    for (let i = 0; i < records.length; i += settings.batchSize) list.push(records.slice(i, i + settings.batchSize));
    return list;
  });
  for (let round = 0; chunks.some((list) => round < list.length); round += 1) {
    chunks.forEach((list, orgIndex) => {
      if (round < list.length) bodies.push({ token: bench.orgs[orgIndex].apiKey, body: JSON.stringify({ items: list[round] }), count: list[round].length });
    });
  }
  const workers: AppProcess[] = [];
  for (let n = 1; n <= settings.workers; n += 1) workers.push(await bench.startWorker(prefix, settings.workers === 1 ? 'pipeline' : `pipeline-${n}`));
  const ingest = await bench.startIngest(prefix, 'pipeline');
  say(
    `pipeline: ${settings.records} records in ${bodies.length} batch POSTs (${settings.postConcurrency} in flight), ` +
      `${settings.workers} worker process${settings.workers === 1 ? '' : 'es'}, WORKER_CONCURRENCY=${settings.workerConcurrency}`,
  );

  let peakWorkerRss = 0;
  const sampler = setInterval(() => {
    for (const worker of workers) if (worker.running) peakWorkerRss = Math.max(peakWorkerRss, worker.memory().rssMb);
  }, 250);
  const startedAt = Date.now();
  let posted = 0;
  let accepted = 0;
  let rejected = 0;
  let nextBody = 0;
  const poster = async () => {
    while (nextBody < bodies.length) {
      const entry = bodies[nextBody++];
      const response = await fetch(`${bench.baseUrl}/v1/complaints/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${entry.token}`, 'content-type': 'application/json' },
        body: entry.body,
      });
      const answer = (await response.json()) as { accepted?: unknown[]; rejected?: unknown[] };
      if (response.status !== 202) throw new Error(`batch POST answered ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
      accepted += answer.accepted?.length ?? 0;
      rejected += answer.rejected?.length ?? 0;
      posted += entry.count;
    }
  };
  await Promise.all(Array.from({ length: settings.postConcurrency }, poster));
  const ingestDoneAt = Date.now();
  say(`pipeline: all ${posted} records posted in ${((ingestDoneAt - startedAt) / 1000).toFixed(2)} s (${accepted} accepted, ${rejected} rejected); waiting for the worker`);

  // A slow pipeline is measured, not waited for forever: after the limit the rate so far is reported as incomplete.
  const deadline = Date.now() + settings.maxPipelineSeconds * 1000;
  let complete = true;
  let lastProgress = Date.now();
  let lastFinished = -1;
  const queue = complaintsQueue(bench, prefix);
  for (;;) {
    const finished = accepted - (await unfinishedRecords(bench, queue));
    if (finished >= accepted) break;
    if (finished !== lastFinished) {
      lastFinished = finished;
      lastProgress = Date.now();
    }
    const dead = workers.find((worker) => !worker.running);
    if (dead) throw new Error(`a worker died during the pipeline run:\n${dead.lastLines()}`);
    if (Date.now() - lastProgress > 60_000) {
      throw new Error(`pipeline stalled (nothing finished for 60 s): ${JSON.stringify(await statusCounts(bench.db))} of ${accepted} accepted; worker log tail:\n${workers[0].lastLines()}`);
    }
    if (Date.now() > deadline) {
      complete = false;
      say(`pipeline: WARNING stopped waiting after ${settings.maxPipelineSeconds} s with ${finished} of ${accepted} finished; the rate below is for the finished records only`);
      break;
    }
    // The end time comes from the rows themselves, so a slower poll costs no precision.
    await sleep(500);
  }
  await queue.close();
  const counts = await statusCounts(bench.db);
  const { rows } = await bench.db.query<{ last: number; done: number }>(
    `SELECT extract(epoch FROM max(greatest(status_changed_at, coalesce(processed_at, status_changed_at)))) * 1000 AS last,
            count(*)::int AS done
     FROM complaint WHERE status IN ('processed', 'duplicate', 'failed')`,
  );
  const finishedAt = complete ? Math.min(Number(rows[0].last), Date.now()) : Date.now();
  clearInterval(sampler);
  const peakRss = Math.max(peakWorkerRss, ...workers.map((worker) => worker.memory().peakRssMb));
  const elapsedMs = finishedAt - startedAt;
  const recordsPerSecond = (rows[0].done / elapsedMs) * 1000;
  const deliveries = await countIfExists(bench.db, 'delivery');
  const { rows: failures } = await bench.db.query<{ reason: string; n: number }>(
    `SELECT failure_reason AS reason, count(*)::int AS n FROM complaint WHERE status = 'failed' GROUP BY 1 ORDER BY 2 DESC LIMIT 3`,
  );
  const valid = failures.length === 0 && complete;
  say(`pipeline: ${recordsPerSecond.toFixed(0)} records/s end to end (${(elapsedMs / 1000).toFixed(2)} s); statuses ${JSON.stringify(counts)}; deliveries ${deliveries ?? 'n/a'}; alert emails received ${bench.smtp.received.length}`);
  if (failures.length > 0) say(`pipeline: INVALID RUN — records failed: ${failures.map((f) => `${f.n} × ${f.reason}`).join('; ')}`);
  await bench.stop(ingest);
  for (const worker of workers) await bench.stop(worker);
  if (settings.workers === 1) collectProfiles(bench, 'worker-pipeline', 'worker (pipeline run)', profiles);
  for (let n = 1; settings.workers > 1 && n <= settings.workers; n += 1) collectProfiles(bench, `worker-pipeline-${n}`, `worker ${n} (pipeline run)`, profiles);
  collectProfiles(bench, 'ingest-pipeline', 'ingest (pipeline run)', profiles);
  await wipePrefix(bench.redis, prefix);
  await resetComplaints(bench.db);
  return {
    pipelineRecordsPerSecond: failures.length === 0 ? recordsPerSecond : undefined,
    pipeline: {
      valid,
      complete,
      finished: rows[0].done,
      failures,
      recordsPerSecondIncludingFailures: round(recordsPerSecond),
      emailsReceived: bench.smtp.received.length,
      records: posted,
      accepted,
      rejected,
      seconds: round(elapsedMs / 1000, 2),
      ingestSeconds: round((ingestDoneAt - startedAt) / 1000, 2),
      // The window itself, to line the run up with outside measurements (per-process CPU, pg_stat_*).
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      workerConcurrency: settings.workerConcurrency,
      workers: settings.workers,
      batchSize: settings.batchSize,
      postConcurrency: settings.postConcurrency,
      statuses: counts,
      deliveries,
      workerPeakRssMb: round(peakRss),
    },
  };
}

async function countIfExists(db: Client, table: string): Promise<number | undefined> {
  const { rows } = await db.query<{ n: number | null }>(`SELECT CASE WHEN to_regclass($1) IS NULL THEN NULL ELSE 0 END AS n`, [table]);
  if (rows[0].n === null) return undefined;
  const counted = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return counted.rows[0].n;
}

/* ---------------------------------------------------------------- 4. memory */

async function runMemory(bench: Bench): Promise<Record<string, unknown>> {
  const { settings } = bench;
  const prefix = bench.prefix('memory');
  say(`memory: storing ${settings.backlog} records and queueing ${settings.backlog} jobs before the worker starts`);
  const t0 = Date.now();
  const ids = await insertBacklog(bench, settings.backlog);
  const t1 = Date.now();
  await enqueueBacklog(bench, prefix, ids);
  const t2 = Date.now();
  say(`memory: backlog ready (rows ${((t1 - t0) / 1000).toFixed(1)} s, jobs ${((t2 - t1) / 1000).toFixed(1)} s); sampling the worker's RSS for up to ${settings.backlogSeconds} s`);

  const queue = complaintsQueue(bench, prefix);
  const worker = await bench.startWorker(prefix, 'memory');
  const startRss = worker.memory().rssMb;
  let peak = startRss;
  const samples: number[] = [];
  const started = Date.now();
  const end = started + settings.backlogSeconds * 1000;
  let done = 0;
  while (Date.now() < end && worker.running) {
    const now = worker.memory();
    peak = Math.max(peak, now.rssMb, now.peakRssMb);
    samples.push(Math.round(now.rssMb));
    done = ids.length - (await unfinishedRecords(bench, queue));
    if (done >= ids.length) break;
    await sleep(500);
  }
  await queue.close();
  const seconds = (Date.now() - started) / 1000;
  const final = worker.memory();
  peak = Math.max(peak, final.peakRssMb);
  say(`memory: worker peak RSS ${peak.toFixed(0)} MB (VmHWM), ${done} of ${ids.length} processed in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(0)} records/s with a full queue)`);
  await bench.stop(worker);
  await wipePrefix(bench.redis, prefix);
  await resetComplaints(bench.db);
  return {
    workerPeakRssMb: round(peak),
    memory: { backlogJobs: ids.length, sampledSeconds: round(seconds), processedInWindow: done, recordsPerSecondWithBacklog: round(done / seconds), startRssMb: round(startRss), samplesMb: downsample(samples, 40) },
  };
}

/**
 * Stores `count` records straight into PostgreSQL (as ingest would have). The first 20,000
 * (the ones the worker reaches within the sampling window) are distinct generated records;
 * the rest are copies made inside PostgreSQL under new references, which is much faster.
 */
async function insertBacklog(bench: Bench, count: number): Promise<Array<{ id: string; version: number }>> {
  const ids: Array<{ id: string; version: number }> = [];
  const chunk = 2000;
  const distinct = Math.min(count, 20_000);
  for (let offset = 0; offset < distinct; offset += chunk) {
    const size = Math.min(chunk, distinct - offset);
    const orgIndex = (offset / chunk) % bench.orgs.length;
    const records = Array.from({ length: size }, () => bench.generator.record(orgIndex));
    const { rows } = await bench.db.query<{ id: string; version: number }>(
      `INSERT INTO complaint (organisation_id, reference, content_hash, received_at, closed_at, service_area, channel, stage, summary, outcome, learning, remedies)
       SELECT $1, r.reference, md5(r.summary || r.reference), r.received_at, r.closed_at, r.service_area, r.channel, coalesce(r.stage, 'local'), r.summary, r.outcome, r.learning,
              string_to_array(coalesce(r.remedies, ''), ',')
       FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
            AS r(reference, received_at, closed_at, service_area, channel, stage, summary, outcome, learning, remedies)
       RETURNING id, version`,
      [
        bench.orgs[orgIndex].id,
        records.map((r) => r.reference),
        records.map((r) => r.receivedAt),
        records.map((r) => r.closedAt ?? null),
        records.map((r) => r.serviceArea),
        records.map((r) => r.channel ?? null),
        records.map((r) => r.stage ?? null),
        records.map((r) => r.summary),
        records.map((r) => r.outcome),
        records.map((r) => r.learning ?? null),
        records.map((r) => (r.remedies ?? []).join(',')),
      ],
    );
    ids.push(...rows);
  }
  for (let copy = 1; ids.length < count; copy += 1) {
    const { rows } = await bench.db.query<{ id: string; version: number }>(
      `INSERT INTO complaint (organisation_id, reference, content_hash, received_at, closed_at, service_area, channel, stage, summary, outcome, learning, remedies)
       SELECT organisation_id, reference || '-copy' || $1::int, md5(content_hash || $1::int), received_at, closed_at, service_area, channel, stage,
              summary || ' (resubmitted ' || $1::int || ')', outcome, learning, remedies
       FROM complaint WHERE reference NOT LIKE '%-copy%' ORDER BY accepted_at LIMIT $2
       RETURNING id, version`,
      [copy, Math.min(distinct, count - ids.length)],
    );
    ids.push(...rows);
  }
  return ids;
}

async function enqueueBacklog(bench: Bench, prefix: string, ids: Array<{ id: string; version: number }>): Promise<void> {
  const queue = complaintsQueue(bench, prefix);
  try {
    for (let offset = 0; offset < ids.length; offset += 10_000) {
      await queue.addBulk(appContracts(bench).processComplaintJobs(ids.slice(offset, offset + 10_000).map(({ id, version }) => ({ complaintId: id, version }))));
    }
  } finally {
    await queue.close();
  }
}

/** The app's own queue contract (names, job options, id shape), from the same build the apps run. */
function appContracts(bench: Bench): typeof import('@app/contracts') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(bench.build.outDir, 'libs/contracts/src/index.js')) as typeof import('@app/contracts');
}

function complaintsQueue(bench: Bench, prefix: string): import('bullmq').Queue {
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
async function unfinishedRecords(bench: Bench, queue: import('bullmq').Queue): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
  const queued = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return queued > 0 ? queued : unfinishedCount(bench.db);
}

/* ---------------------------------------------------------------- report */

function collectProfiles(bench: Bench, tag: string, title: string, into: Record<string, ProfileSummary>): void {
  if (!bench.settings.cpuProf) return;
  const files = profilesIn(join(bench.profileDir, tag));
  if (files.length === 0) {
    say(`no CPU profile was written for ${tag}`);
    return;
  }
  into[title] = summariseProfile(files[0], 15);
}

function targets(results: Record<string, unknown>, ratio: number | undefined): Record<string, { target: string; measured: number | undefined; met: boolean | undefined }> {
  const value = (key: string) => results[key] as number | undefined;
  const check = (measured: number | undefined, ok: (v: number) => boolean) => (measured === undefined ? undefined : ok(measured));
  return {
    pipelineRecordsPerSecond: { target: '>= 2000', measured: round(value('pipelineRecordsPerSecond')), met: check(value('pipelineRecordsPerSecond'), (v) => v >= 2000) },
    ratioToBaseline: { target: '>= 0.40', measured: ratio === undefined ? undefined : round(ratio, 3), met: check(ratio, (v) => v >= 0.4) },
    ingestSingleP99Ms: { target: '< 50 at 500 req/s', measured: value('ingestSingleP99Ms'), met: check(value('ingestSingleP99Ms'), (v) => v < 50) },
    workerPeakRssMb: { target: '< 400 with a 100,000 backlog', measured: round(value('workerPeakRssMb')), met: check(value('workerPeakRssMb'), (v) => v < 400) },
  };
}

function printTable(report: { machine: { cpus: number; node: string; postgres: string; redis: string }; settings: Settings }, results: Record<string, unknown>, ratio: number | undefined): void {
  const r = results as Record<string, number | undefined> & { pipeline?: { statuses: Record<string, number>; seconds: number; ingestSeconds: number; complete: boolean } };
  const s = report.settings;
  const rows: Array<[string, string, string, string]> = [
    ['baseline: raw BullMQ no-op (addBulk + drain)', fmt(r.baselineJobsPerSecond, 'jobs/s'), `${s.records} jobs, concurrency ${s.workerConcurrency}`, ''],
    ['ingest: POST /v1/complaints/batch', fmt(r.ingestBatchRecordsPerSecond, 'records/s'), `${s.batchRecords} records, ${s.batchConnections} connections`, ''],
    ['ingest: POST /v1/complaints (single)', fmt(r.ingestSingleRequestsPerSecond, 'req/s'), `fixed ${s.singleRate} req/s, ${s.singleSeconds} s`, ''],
    ['  single p50 latency', fmt(r.ingestSingleP50Ms, 'ms'), '', ''],
    ['  single p99 latency', fmt(r.ingestSingleP99Ms, 'ms'), 'target < 50 ms', verdict(r.ingestSingleP99Ms, (v) => v < 50)],
    [`pipeline: first POST → all processed/duplicate${r.pipeline && !r.pipeline.complete ? ' (INCOMPLETE)' : ''}`, fmt(r.pipelineRecordsPerSecond, 'records/s'), `${s.records} records, ${s.workers} worker${s.workers === 1 ? "" : "s"} × WORKER_CONCURRENCY ${s.workerConcurrency}`, verdict(r.pipelineRecordsPerSecond, (v) => v >= 2000)],
    ['  ratio pipeline ÷ baseline', ratio === undefined ? 'n/a' : `${(ratio * 100).toFixed(1)} %`, 'target ≥ 40 %', verdict(ratio, (v) => v >= 0.4)],
    ['worker peak RSS, 100k backlog', fmt(r.workerPeakRssMb, 'MB'), `${s.backlog} jobs queued`, verdict(r.workerPeakRssMb, (v) => v < 400)],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  console.log('');
  console.log(`machine: ${report.machine.cpus} CPUs, Node ${report.machine.node}, PostgreSQL ${report.machine.postgres}, Redis ${report.machine.redis}`);
  for (const row of rows) console.log(`  ${row[0].padEnd(widths[0])}  ${row[1].padStart(widths[1])}  ${row[2].padEnd(widths[2])}  ${row[3]}`);
  if (r.pipeline) console.log(`  pipeline statuses: ${JSON.stringify(r.pipeline.statuses)}; ingest part ${r.pipeline.ingestSeconds} s of ${r.pipeline.seconds} s`);
}

function fmt(value: number | undefined, unit: string): string {
  if (value === undefined) return 'skipped';
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}

function verdict(value: number | undefined, ok: (v: number) => boolean): string {
  if (value === undefined) return '';
  return ok(value) ? 'met' : 'NOT MET';
}

function round(value: number | undefined, digits = 1): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function downsample(values: number[], count: number): number[] {
  if (values.length <= count) return values;
  return Array.from({ length: count }, (_, i) => values[Math.floor((i * values.length) / count)]);
}

function redactUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

/** The checked-out commit, read from .git without running git. */
function currentCommit(): string | undefined {
  try {
    const head = readFileSync(join(ROOT, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    const loose = join(ROOT, '.git', ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
    const packed = readFileSync(join(ROOT, '.git', 'packed-refs'), 'utf8');
    return packed.split('\n').find((line) => line.endsWith(` ${ref}`))?.split(' ')[0];
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
