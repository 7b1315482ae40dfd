/** The run's report: the table on the console and bench/results/latest.json (keys documented in docs/performance.md). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './build';
import { formatProfile, ProfileSummary } from './cpu-profile';
import { round, say } from './harness';
import { Settings } from './settings';
import type { BaselineResult } from '../phases/baseline.phase';
import type { DashboardResult } from '../phases/dashboard.phase';
import type { IngestResult } from '../phases/ingest.phase';
import type { MemoryResult } from '../phases/memory.phase';
import type { PipelineResult } from '../phases/pipeline.phase';

/** What the phases measured; a skipped phase leaves its keys out. */
export type PhaseResults = Partial<BaselineResult & IngestResult & PipelineResult & MemoryResult & DashboardResult>;

export interface RunFacts {
  settings: Settings;
  started: number;
  loadBefore: number;
  versions: { postgres: string; redis: string };
  profiles: Record<string, ProfileSummary>;
}

/** Writes bench/results/latest.json and prints the table (and any CPU profiles). */
export function report(results: PhaseResults, facts: RunFacts): void {
  const { settings, profiles } = facts;
  const baseline = results.baselineJobsPerSecond;
  const pipeline = results.pipelineRecordsPerSecond;
  const ratio = baseline && pipeline ? pipeline / baseline : undefined;
  const written = {
    timestamp: new Date().toISOString(),
    commit: currentCommit(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', totalMemoryMb: Math.round(totalmem() / 2 ** 20), node: process.version, platform: `${process.platform}-${process.arch}`, ...facts.versions, loadAverageBefore: round(facts.loadBefore, 2), loadAverageAfter: round(loadavg()[0], 2) },
    settings: { ...settings, databaseUrl: redactUrl(settings.databaseUrl), redisUrl: redactUrl(settings.redisUrl) },
    baselineJobsPerSecond: round(baseline),
    pipelineRecordsPerSecond: round(pipeline),
    ratioToBaseline: ratio === undefined ? undefined : round(ratio, 3),
    ...Object.fromEntries(Object.entries(results).filter(([key]) => !['baselineJobsPerSecond', 'pipelineRecordsPerSecond'].includes(key))),
    targets: targets(results, ratio),
    durationSeconds: round((Date.now() - facts.started) / 1000),
    profiles: Object.keys(profiles).length > 0 ? profiles : undefined,
  };
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(written, null, 2)}\n`);
  printTable(written, results, ratio);
  for (const [name, summary] of Object.entries(profiles)) console.log(`\n${formatProfile(name, summary)}`);
  say(`wrote bench/results/latest.json (${written.durationSeconds} s in all)`);
}

function targets(results: PhaseResults, ratio: number | undefined): Record<string, { target: string; measured: number | undefined; met: boolean | undefined }> {
  const value = (key: 'pipelineRecordsPerSecond' | 'ingestSingleP99Ms' | 'workerPeakRssMb') => results[key];
  const check = (measured: number | undefined, ok: (v: number) => boolean) => (measured === undefined ? undefined : ok(measured));
  return {
    pipelineRecordsPerSecond: { target: '>= 2000', measured: round(value('pipelineRecordsPerSecond')), met: check(value('pipelineRecordsPerSecond'), (v) => v >= 2000) },
    ratioToBaseline: { target: '>= 0.40', measured: ratio === undefined ? undefined : round(ratio, 3), met: check(ratio, (v) => v >= 0.4) },
    ingestSingleP99Ms: { target: '< 50 at 500 req/s', measured: value('ingestSingleP99Ms'), met: check(value('ingestSingleP99Ms'), (v) => v < 50) },
    workerPeakRssMb: { target: '< 400 with a 100,000 backlog', measured: round(value('workerPeakRssMb')), met: check(value('workerPeakRssMb'), (v) => v < 400) },
  };
}

function printTable(report: { machine: { cpus: number; node: string; postgres: string; redis: string }; settings: Settings }, results: PhaseResults, ratio: number | undefined): void {
  const r = results;
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
