import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { freeOrphanedJobs } from '../apps/worker/src/jobs/lost-job';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A partial Redis data loss can leave a job hash in no list: its deterministic id then blocks
 * every re-add. On the real Redis: such a job is removed, a waiting one is left alone.
 */
describe('jobs orphaned by a Redis data loss (real Redis)', () => {
  const prefix = `clpt-orphan-${randomBytes(4).toString('hex')}`;
  const connection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) };
  const queue = new Queue('orphans', { connection, prefix });
  const redis = new Redis(REDIS_URL);

  afterAll(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('removes a job in no list so the same id can be queued again, and leaves a waiting job alone', async () => {
    await queue.add('work', { n: 1 }, { jobId: 'orphan' });
    await queue.add('work', { n: 2 }, { jobId: 'waiting' });
    // What a key-by-key wipe can leave: the job's hash without its place in the wait list.
    await redis.lrem(`${prefix}:orphans:wait`, 0, 'orphan');
    expect(await (await queue.getJob('orphan'))?.getState()).toBe('unknown');

    await queue.add('work', { n: 1 }, { jobId: 'orphan' });
    expect(await (await queue.getJob('orphan'))?.getState()).toBe('unknown');

    expect(await freeOrphanedJobs(queue, ['orphan', 'waiting', 'missing'])).toEqual(['orphan']);
    await queue.add('work', { n: 1 }, { jobId: 'orphan' });
    expect(await (await queue.getJob('orphan'))?.getState()).toBe('waiting');
    expect(await (await queue.getJob('waiting'))?.getState()).toBe('waiting');
  });
});
