import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { AppConfig, DEV_ADMIN_TOKEN, describeUrl, loadConfig } from '@app/config';
import { decideSampleSeeding, loadSampleOnFirstStart, signInLine, type SampleSeedingSettings } from './seed/src';
import { WORKER_NODE_ARGS } from './worker/src/worker-heap';

/**
 * `npm start`: the whole pipeline on one machine with nothing configured. It finds (or
 * embeds) PostgreSQL, checks Redis, gives the worker a local mail catcher, then runs
 * ingest, worker and web as three processes, the way they run in production.
 *
 * It is the development entry point, so it says so: with NODE_ENV unset it sets
 * NODE_ENV=development for itself and both apps. The apps started any other way get no
 * development defaults unless NODE_ENV is development or test (see README, Deployment).
 */
const VAR_DIR = resolve(process.cwd(), 'var');
const PGLITE_PORT = 5499;

async function main(): Promise<void> {
  const defaulted = process.env.NODE_ENV === undefined || process.env.NODE_ENV === '';
  if (defaulted) process.env.NODE_ENV = 'development';
  const config = loadConfig();
  // Before anything starts, so a bad SEED_SAMPLE stops the launcher naming it.
  const sampleSettings: SampleSeedingSettings = {
    nodeEnv: config.env,
    databaseUrlGiven: !config.databaseUrlDefaulted,
    adminTokenGiven: Boolean(process.env.ADMIN_TOKEN),
    seedSample: process.env.SEED_SAMPLE,
  };
  const sample = decideSampleSeeding(sampleSettings);
  if (defaulted) say(`NODE_ENV not set: running in development (local defaults, ingest on ${config.host})`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.DATABASE_URL = await chooseDatabase(config.databaseUrl, config.databaseUrlDefaulted, env);
  await requireRedis(config.redisUrl);
  if (!config.smtpUrl) env.SMTP_URL = await startMailCatcher();
  // Asked before the apps start: with the embedded PostgreSQL their pools take every connection.
  const signInAs = await sampleSignInAddress(env.DATABASE_URL);
  const children = [run('ingest', 'ingest/src/main.js', env), run('worker', 'worker/src/main.js', env, WORKER_NODE_ARGS), run('web', 'web/src/main.js', env)];
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  say(`API ${base}/v1 · docs ${base}/docs · health ${base}/health · admin token ${config.adminToken === DEV_ADMIN_TOKEN ? `${DEV_ADMIN_TOKEN} (development default)` : '(from ADMIN_TOKEN)'}`);
  const mailGoes = config.smtpUrl ? `through ${describeUrl(config.smtpUrl)}` : 'in ./var/outbox';
  const whoSignsIn = signInAs
    ? `sign in as ${signInAs}`
    : sample.seed
      ? 'sample data loading, the addresses to sign in with follow'
      : `sign in as a registered contact (no sample data: ${sample.reason})`;
  say(`Web ${config.web.publicUrl} · ${whoSignsIn} (link arrives ${mailGoes}) · operator: /sign-in/operator with the admin token`);
  superviseTogether(children);
  // Not awaited: the apps are already starting, and a failed sample only costs its own line.
  if (sample.seed && !signInAs) void loadSample(config, sampleSettings, mailGoes);
}

/** The first start's sample data (apps/seed), through ingest once it answers; one line whatever happens. */
async function loadSample(config: AppConfig, settings: SampleSeedingSettings, mailGoes: string): Promise<void> {
  const host = ['0.0.0.0', '127.0.0.1', 'localhost', '::'].includes(config.host) ? '127.0.0.1' : config.host;
  try {
    const outcome = await loadSampleOnFirstStart({ settings, ingestUrl: `http://${host}:${config.port}`, adminToken: config.adminToken });
    if (outcome.kind === 'seeded') {
      say(`Loaded sample data: ${outcome.organisations} organisations, ${outcome.contacts} contacts, ${outcome.complaints} complaints (the worker is processing them)`);
      say(signInLine(config.web.publicUrl, mailGoes));
    }
  } catch (error) {
    say(`Sample data not loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function chooseDatabase(url: string, defaulted: boolean, env: NodeJS.ProcessEnv): Promise<string> {
  if (!defaulted || (await postgresAnswers(url))) return url;
  say(`No PostgreSQL answered at ${describeUrl(url)}; starting an embedded PostgreSQL (PGlite) with its data under ./var/pglite`);
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  mkdirSync(join(VAR_DIR, 'pglite'), { recursive: true });
  const db = await PGlite.create(join(VAR_DIR, 'pglite'));
  const server = new PGLiteSocketServer({ db, port: PGLITE_PORT, host: '127.0.0.1', maxConnections: 12 });
  await server.start();
  // PGlite serves one connection at a time behind its queue; small pools keep it responsive.
  env.DATABASE_POOL_SIZE = env.DATABASE_POOL_SIZE ?? '4';
  return `postgres://postgres@127.0.0.1:${PGLITE_PORT}/postgres`;
}

/** A contact address to suggest for the first sign-in (the sample data's, once loaded); none on a fresh database. */
async function sampleSignInAddress(url: string | undefined): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ email: string }>(
      `SELECT c.email FROM contact c JOIN organisation o ON o.id = c.organisation_id WHERE o.suspended_at IS NULL ORDER BY o.kind = 'ombudsman' DESC, c.created_at LIMIT 1`,
    );
    return rows[0]?.email;
  } catch {
    // Not migrated yet (first run): the apps create the tables after this.
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function postgresAnswers(url: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function requireRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    process.stderr.write(
      `\nRedis is not reachable at ${describeUrl(url)}.\n` +
        'Start one with `docker compose up -d redis`, or your distribution\'s redis-server ' +
        '(e.g. `sudo apt-get install redis-server`), or set REDIS_URL.\n\n',
    );
    process.exit(1);
  } finally {
    redis.disconnect();
  }
}

async function startMailCatcher(): Promise<string> {
  const { startSmtpCatcher } = await import('@app/mail');
  const dir = join(VAR_DIR, 'outbox');
  const catcher = await startSmtpCatcher({ port: 0, dir });
  say(`No SMTP_URL set; emails are caught locally and stored under ./var/outbox (smtp://127.0.0.1:${catcher.port})`);
  return `smtp://127.0.0.1:${catcher.port}`;
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []): ChildProcess {
  const child = fork(join(__dirname, entry), [], { env, stdio: 'inherit', execArgv: [...process.execArgv, ...nodeArgs] });
  child.on('exit', (code, signal) => say(`${name} exited (${signal ?? code})`));
  return child;
}

/** The apps live and die together: if one stops, the others are stopped too. */
function superviseTogether(children: ChildProcess[]): void {
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 5000).unref();
    Promise.all(children.map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done))))).then(() =>
      process.exit(code),
    );
  };
  for (const child of children) child.on('exit', (code) => stopAll(code ?? 1));
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
}

function say(message: string): void {
  process.stdout.write(`[launcher] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[launcher] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
