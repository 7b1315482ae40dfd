// The baseline of `npm run bench`: raw BullMQ, no-op processor, plain JavaScript in its own
// process (like the worker), same Redis, same job options and job-id shape as the pipeline.
// Adds BENCH_JOBS jobs with addBulk in chunks while a Worker drains them; prints one JSON line.
'use strict';
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { Queue, Worker } = require('bullmq');

const dist = process.env.BENCH_DIST;
const contracts = require(path.join(dist, 'libs/contracts/src/index.js'));
const total = Number(process.env.BENCH_JOBS);
const chunk = Number(process.env.BENCH_CHUNK || 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY);
const prefix = process.env.BENCH_PREFIX;
const connection = contracts.redisOptionsFromUrl(process.env.REDIS_URL);
const name = contracts.QueueName.Complaints;

async function main() {
  const queue = new Queue(name, { connection, prefix });
  let done = 0;
  let resolveDone;
  const finished = new Promise((resolve) => (resolveDone = resolve));
  const worker = new Worker(name, async () => undefined, { connection: { ...connection, maxRetriesPerRequest: null }, prefix, concurrency });
  worker.on('completed', () => {
    done += 1;
    if (done === total) resolveDone();
  });
  worker.on('failed', (_job, error) => process.stderr.write(`baseline job failed: ${error.message}\n`));
  await worker.waitUntilReady();
  const started = performance.now();
  for (let offset = 0; offset < total; offset += chunk) {
    const jobs = [];
    for (let i = offset; i < Math.min(total, offset + chunk); i += 1) {
      const data = { complaintId: randomUUID(), version: 1 };
      jobs.push({ name: contracts.JobName.ProcessComplaint, data, opts: { ...contracts.DEFAULT_JOB_OPTIONS, jobId: contracts.processComplaintJobId(data) } });
    }
    await queue.addBulk(jobs);
  }
  const added = performance.now();
  await finished;
  const elapsedMs = performance.now() - started;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  process.stdout.write(`${JSON.stringify({ jobs: total, elapsedMs, addMs: added - started, jobsPerSecond: (total / elapsedMs) * 1000 })}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
