import 'reflect-metadata';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { QueueName, redisOptionsFromUrl } from '@app/contracts';
import { CLASSIFIER_VERSION } from '@app/domain/understanding';
import { dataSourceOptions } from '@app/persistence';
import { requeueOutdatedClassifications } from './maintenance/reclassify';

/**
 * `npm run reclassify`: sends every complaint classified by an older classifier version
 * through the pipeline again. Each step is idempotent (deliveries are unique per complaint
 * and contact; people's merge decisions are kept), so re-running is safe.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await new DataSource(dataSourceOptions({ ...config, poolSize: 2 })).initialize();
  const queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(config.redisUrl), prefix: config.queuePrefix });
  try {
    const total = await requeueOutdatedClassifications(db, queue, CLASSIFIER_VERSION, (queued) =>
      process.stdout.write(`queued ${queued} complaint(s) for reclassification with ${CLASSIFIER_VERSION}\n`),
    );
    process.stdout.write(`done: ${total} complaint(s) queued\n`);
  } finally {
    await queue.close();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`reclassify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
