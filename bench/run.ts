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
 *   5. dashboard  the learning dashboard over 1,000,000 complaints (bench/dashboard.bench.ts)
 * Prints a table and writes bench/results/latest.json. `--help` lists the flags.
 *
 * This file is the running order only: flags (lib/settings), the apps and services
 * (lib/harness), one file per phase (phases/), the table and JSON (lib/report).
 */
import { rmSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relative } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { buildApps, ROOT } from './lib/build';
import { ProfileSummary } from './lib/cpu-profile';
import { BenchHarness, say } from './lib/harness';
import { PhaseResults, report } from './lib/report';
import { createOrganisations, recreateDatabase, runMigrations, serverVersions, wipePrefix } from './lib/services';
import { parseSettings } from './lib/settings';
import { runBaseline } from './phases/baseline.phase';
import { runIngest } from './phases/ingest.phase';
import { runMemory } from './phases/memory.phase';
import { runPipeline } from './phases/pipeline.phase';

async function main(): Promise<void> {
  // `--only dashboard [--complaints N] [--requests N]`: the learning dashboard alone, on its own database (bench/dashboard.bench.ts).
  if (process.argv[2] === '--only' && process.argv[3] === 'dashboard') {
    await (await import('./phases/dashboard.phase')).runDashboard(process.argv.slice(4));
    return;
  }
  const settings = parseSettings(process.argv.slice(2));
  const bench = new BenchHarness(settings);
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

  const results: PhaseResults = {};
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
    if (!settings.skip.includes('dashboard')) Object.assign(results, await (await import('./phases/dashboard.phase')).runDashboard());
  } finally {
    await bench.cleanup();
    await bench.db.end().catch(() => undefined);
    bench.redis.disconnect();
  }
  report(results, { settings, started, loadBefore, versions, profiles });
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
