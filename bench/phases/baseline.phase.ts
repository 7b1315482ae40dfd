/** Phase 1: raw BullMQ with a no-op processor — the ceiling the pipeline is measured against. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../lib/build';
import { BenchHarness, round, say } from '../lib/harness';
import { wipePrefix } from '../lib/services';

export interface BaselineResult {
  baselineJobsPerSecond: number;
  baseline: { jobs: number; elapsedMs: number | undefined; addBulkMs: number | undefined };
}

export async function runBaseline(bench: BenchHarness): Promise<BaselineResult> {
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
