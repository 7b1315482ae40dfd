import { ComplaintProcessor } from '../apps/worker/src/complaints/complaint.processor';
import { DigestsProcessor } from '../apps/worker/src/digests/digests.processor';
import { MailProcessor } from '../apps/worker/src/mail/mail.processor';
import { MaintenanceProcessor } from '../apps/worker/src/maintenance/maintenance.processor';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

// Redis logical database 7 belongs to this file alone, so FLUSHDB touches nothing else.
const OWN_REDIS_DB = 7;

describe('nothing accepted is lost (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ redisDb: OWN_REDIS_DB, env: { REDRIVE_AFTER_SECONDS: '1', REDRIVE_INTERVAL_SECONDS: '1' } });

  beforeAll(() => stack.start({ ingest: true, worker: false }));
  afterAll(() => stack.stop());

  it('processes every accepted record after the queue data is wiped', async () => {
    const api = new ApiClient(stack.baseUrl);
    const org = await createOrganisation(api, stack.config.adminToken);
    const ids = new Set<string>();
    for (let batch = 0; batch < 5; batch += 1) {
      const items = Array.from({ length: 100 }, () => complaintRecord());
      const answer = await api.post<{ accepted: Array<{ id: string }> }>('/v1/complaints/batch', { token: org.apiKey, body: { items } });
      answer.body.accepted.forEach((item) => ids.add(item.id));
    }
    expect(ids.size).toBe(500);
    expect(await stack.redis.keys(`${stack.config.queuePrefix}:*`)).not.toHaveLength(0);

    expect(await stack.redis.flushdb()).toBe('OK');
    expect(await stack.redis.dbsize()).toBe(0);

    await stack.startWorker();
    const counts = await stack.waitFor(
      async () => {
        const current = await stack.statusCounts();
        if (process.env.DEBUG_COUNTS) console.log(Date.now() % 100000, JSON.stringify(current));
        return (current.processed ?? 0) + (current.duplicate ?? 0) === 500 ? current : undefined;
      },
      'all 500 records to be processed',
      60_000,
    );
    expect(counts.received ?? 0).toBe(0);
    expect(counts.failed ?? 0).toBe(0);
  });

  it('hands a dead worker\'s jobs on within ~20 s on every queue: lock 15 s, stalled-job check every 5 s', () => {
    for (const processor of [ComplaintProcessor, MailProcessor, DigestsProcessor, MaintenanceProcessor]) {
      const { lockDuration, stalledInterval } = stack.worker!.get(processor).worker.opts;
      expect({ processor: processor.name, lockDuration, stalledInterval }).toEqual({ processor: processor.name, lockDuration: 15_000, stalledInterval: 5_000 });
    }
  });
});
