import 'reflect-metadata';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { DEFAULT_JOB_OPTIONS, JobName, processComplaintJobId, QueueName, redisOptionsFromUrl } from '@app/contracts';
import { CLASSIFIER_VERSION } from '@app/domain/understanding';
import { dataSourceOptions, queryRows } from '@app/persistence';

const CHUNK = 5_000;

/**
 * `npm run reclassify`: sends every complaint classified by an older classifier version
 * through the pipeline again. Each step is idempotent (deliveries are unique per complaint
 * and contact; people's merge decisions are kept), so re-running is safe.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await new DataSource(dataSourceOptions({ ...config, poolSize: 2 })).initialize();
  const queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(config.redisUrl), prefix: config.queuePrefix });
  let total = 0;
  for (;;) {
    const stale = await queryRows<{ complaintId: string; version: number }>(
      db,
      `UPDATE complaint SET status = 'received', status_changed_at = now()
       WHERE id IN (SELECT id FROM complaint WHERE status IN ('processed', 'duplicate')
                    AND classifier_version IS DISTINCT FROM $1 LIMIT $2)
       RETURNING id AS "complaintId", version`,
      [CLASSIFIER_VERSION, CHUNK],
    );
    if (stale.length === 0) break;
    await queue.addBulk(
      stale.map((data) => ({ name: JobName.ProcessComplaint, data, opts: { ...DEFAULT_JOB_OPTIONS, jobId: processComplaintJobId(data) } })),
    );
    total += stale.length;
    process.stdout.write(`queued ${total} complaint(s) for reclassification with ${CLASSIFIER_VERSION}\n`);
  }
  process.stdout.write(`done: ${total} complaint(s) queued\n`);
  await queue.close();
  await db.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`reclassify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
