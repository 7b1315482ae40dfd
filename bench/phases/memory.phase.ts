/** Phase 4: the worker's peak RSS while it works through a backlog queued before it starts. */
import { sleep } from '../lib/app-process';
import { appContracts, BenchHarness, complaintsQueue, downsample, round, say, unfinishedRecords } from '../lib/harness';
import { resetComplaints, wipePrefix } from '../lib/services';

export interface MemoryResult {
  workerPeakRssMb: number | undefined;
  memory: {
    backlogJobs: number;
    sampledSeconds: number | undefined;
    processedInWindow: number;
    recordsPerSecondWithBacklog: number | undefined;
    startRssMb: number | undefined;
    samplesMb: number[];
  };
}

export async function runMemory(bench: BenchHarness): Promise<MemoryResult> {
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
async function insertBacklog(bench: BenchHarness, count: number): Promise<Array<{ id: string; version: number }>> {
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

async function enqueueBacklog(bench: BenchHarness, prefix: string, ids: Array<{ id: string; version: number }>): Promise<void> {
  const queue = complaintsQueue(bench, prefix);
  try {
    for (let offset = 0; offset < ids.length; offset += 10_000) {
      await queue.addBulk(appContracts(bench).processComplaintJobs(ids.slice(offset, offset + 10_000).map(({ id, version }) => ({ complaintId: id, version }))));
    }
  } finally {
    await queue.close();
  }
}
