/** Phase 3: ingest + worker as child processes, first POST → every record processed or duplicate. */
import { Client } from 'pg';
import { AppProcess, sleep } from '../lib/app-process';
import { GeneratedRecord } from '../lib/complaint-generator';
import { ProfileSummary } from '../lib/cpu-profile';
import { BenchHarness, collectProfiles, complaintsQueue, round, say, unfinishedRecords } from '../lib/harness';
import { resetComplaints, statusCounts, wipePrefix } from '../lib/services';

export interface PipelineResult {
  /** Absent when any record failed: a rate with failures in it is not the pipeline's rate. */
  pipelineRecordsPerSecond: number | undefined;
  pipeline: {
    valid: boolean;
    complete: boolean;
    finished: number;
    failures: Array<{ reason: string; n: number }>;
    recordsPerSecondIncludingFailures: number | undefined;
    emailsReceived: number;
    records: number;
    accepted: number;
    rejected: number;
    seconds: number | undefined;
    ingestSeconds: number | undefined;
    startedAt: string;
    finishedAt: string;
    workerConcurrency: number;
    workers: number;
    batchSize: number;
    postConcurrency: number;
    statuses: Record<string, number>;
    deliveries: number | undefined;
    workerPeakRssMb: number | undefined;
  };
}

export async function runPipeline(bench: BenchHarness, profiles: Record<string, ProfileSummary>): Promise<PipelineResult> {
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
