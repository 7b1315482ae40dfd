/** Phase 2: ingest alone — batch records/s, then single requests at a fixed rate with their latency. */
import { cannon } from '../lib/cannon';
import { ProfileSummary } from '../lib/cpu-profile';
import { BenchHarness, collectProfiles, round, say } from '../lib/harness';
import { resetComplaints, wipePrefix } from '../lib/services';

export interface IngestResult {
  ingestBatchRecordsPerSecond: number | undefined;
  ingestSingleRequestsPerSecond: number | undefined;
  ingestSingleP50Ms: number;
  ingestSingleP99Ms: number;
  ingestBatch: { records: number; requests: number; seconds: number | undefined; requestP50Ms: number; requestP99Ms: number; non2xx: number; errors: number };
  ingestSingle: { requests: number; targetRate: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; non2xx: number; errors: number };
  ingestPeakRssMb: number | undefined;
}

export async function runIngest(bench: BenchHarness, profiles: Record<string, ProfileSummary>): Promise<IngestResult> {
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

async function warmUp(bench: BenchHarness): Promise<void> {
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
