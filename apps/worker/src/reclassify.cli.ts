import 'reflect-metadata';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { QueueName, redisOptionsFromUrl } from '@app/contracts';
import { AuditRepository, ClassifierModelRepository, ClassifierTrainingRepository, dataSourceOptions } from '@app/persistence';
import { reclassifyUnreviewed } from './classifier/reclassify-unreviewed';

/**
 * `npm run reclassify`: after a model is activated, sends every unreviewed complaint that
 * another model classified through the pipeline again, behind new complaints (low priority).
 * Each step is idempotent (deliveries are unique per complaint and contact; people's merge
 * decisions and reviews are kept), so re-running is safe.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await new DataSource(dataSourceOptions({ ...config, poolSize: 2 })).initialize();
  const queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(config.redisUrl), prefix: config.queuePrefix });
  try {
    const active = await new ClassifierModelRepository(db, new AuditRepository(db)).active();
    if (!active) throw new Error('no classifier model is active yet: start a worker once to register the built-in one');
    const total = await reclassifyUnreviewed(new ClassifierTrainingRepository(db), queue, active.version, {
      onProgress: (queued) => process.stdout.write(`queued ${queued} complaint(s) for reclassification with ${active.version}\n`),
    });
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
