/** The bench's flags: parsed once, named when wrong; `--help` prints them. */
export interface Settings {
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

export const HELP = `npm run bench -- [flags]
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

export function parseSettings(argv: string[]): Settings {
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
