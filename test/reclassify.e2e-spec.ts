import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName, redisOptionsFromUrl } from '@app/contracts';
import { CLASSIFIER_VERSION } from '@app/domain/understanding';
import { dataSourceOptions } from '@app/persistence';
import { requeueOutdatedClassifications } from '../apps/worker/src/maintenance/reclassify';
import { ApiClient } from './support/api-client';
import { TEXTS } from './support/complaint-texts';
import { complaintRecord, createOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

/** `npm run reclassify` re-queues what an older classifier version produced, and nothing else. */
describe('reclassification of complaints classified by an older version (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let db: DataSource;
  let queue: Queue;
  const ids: string[] = [];

  beforeAll(async () => {
    await stack.start();
    db = await new DataSource(dataSourceOptions({ ...stack.config, migrateOnStart: false, poolSize: 2 })).initialize();
    queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
    const api = new ApiClient(stack.baseUrl);
    const { apiKey } = await createOrganisation(api, stack.config.adminToken);
    ids.push(...(await submitComplaints(api, apiKey, Object.values(TEXTS).slice(0, 4).map((summary) => complaintRecord({ summary })))));
    await stack.waitFor(async () => (await stack.statusCounts()).processed === ids.length, 'the records to be processed');
  });

  afterAll(async () => {
    await queue.close();
    await db.destroy();
    await stack.stop();
  });

  it('processes again exactly the complaints whose classification came from another version', async () => {
    const outdated = ids.slice(0, 2);
    await stack.db.query(
      `UPDATE complaint SET classifier_version = 'clf-0.0.1', classification = jsonb_set(classification, '{version}', '"clf-0.0.1"') WHERE id = ANY($1::uuid[])`,
      [outdated],
    );
    const before = await processedAt(ids);

    const progress: number[] = [];
    expect(await requeueOutdatedClassifications(db, queue, CLASSIFIER_VERSION, (queued) => progress.push(queued))).toBe(2);
    expect(progress).toEqual([2]);

    await stack.waitFor(async () => {
      const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM complaint WHERE status = 'processed' AND classifier_version = $1`, [CLASSIFIER_VERSION]);
      return rows[0].n === ids.length;
    }, 'the outdated records to be classified again');
    const after = await processedAt(ids);
    for (const id of outdated) expect(after.get(id)).not.toEqual(before.get(id));
    for (const id of ids.slice(2)) expect(after.get(id)).toEqual(before.get(id));
    // Nothing is left to do: a second run queues nothing.
    expect(await requeueOutdatedClassifications(db, queue, CLASSIFIER_VERSION)).toBe(0);
  });

  async function processedAt(of: string[]): Promise<Map<string, string>> {
    const { rows } = await stack.db.query(`SELECT id, processed_at::text AS at FROM complaint WHERE id = ANY($1::uuid[])`, [of]);
    return new Map(rows.map((row: { id: string; at: string }) => [row.id, row.at]));
  }
});
