import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName, processComplaintJobId, QueueName, redisOptionsFromUrl } from '@app/contracts';
import { ComplaintRepository, dataSourceOptions } from '@app/persistence';
import { oldestWaitingJobTime, redriveStaleComplaints } from '../apps/worker/src/maintenance/redrive';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

const AFTER_SECONDS = 60;
const MINUTE = 60_000;

/**
 * The re-drive counts a record's age in queue time: under a backlog, a record whose job is
 * simply waiting its turn is left alone, while one whose job was taken and lost is queued
 * again. Real PostgreSQL and Redis; no worker runs, so jobs stay where the test puts them.
 */
describe('re-drive under a backlog (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let db: DataSource;
  let queue: Queue;
  let complaints: ComplaintRepository;
  let lost: { id: string; version: number };
  let waiting: { id: string; version: number };
  let api: ApiClient;

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    db = await new DataSource(dataSourceOptions({ ...stack.config, migrateOnStart: false, poolSize: 2 })).initialize();
    queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
    complaints = new ComplaintRepository(db);
    api = new ApiClient(stack.baseUrl);
    const { apiKey } = await createOrganisation(api, stack.config.adminToken);
    // The head of a backlog: the oldest job waiting, queued 5 minutes ago for a complaint
    // this test does not otherwise use. Jobs queued later wait behind it.
    await queue.add(JobName.ProcessComplaint, { complaintId: '00000000-0000-4000-8000-000000000001', version: 1 }, { jobId: 'backlog-head', timestamp: Date.now() - 5 * MINUTE });
    // A new record is version 1.
    const [lostId, waitingId] = await submitComplaints(api, apiKey, [complaintRecord(), complaintRecord()]);
    lost = { id: lostId, version: 1 };
    waiting = { id: waitingId, version: 1 };
  });

  afterAll(async () => {
    await queue.close();
    await db.destroy();
    await stack.stop();
  });

  it('leaves a record whose job waits behind a backlog, and queues again one older than the backlog', async () => {
    // `lost` has been unfinished for 10 minutes and its job is gone (taken, then lost);
    // `waiting` for 3 minutes, and its job is still in the queue behind the backlog head.
    await ageStatus(lost.id, 10);
    await ageStatus(waiting.id, 3);
    await (await queue.getJob(processComplaintJobId({ complaintId: lost.id, version: lost.version })))?.remove();
    const waitingSince = await statusChangedAt(waiting.id);

    const horizon = await oldestWaitingJobTime(queue);
    expect(Date.now() - (horizon?.getTime() ?? Date.now())).toBeGreaterThanOrEqual(5 * MINUTE - 1_000);

    const report = await redriveStaleComplaints(complaints, queue, AFTER_SECONDS);

    expect(report.requeued).toBe(1);
    expect(await queue.getJob(processComplaintJobId({ complaintId: lost.id, version: lost.version }))).toBeDefined();
    expect(await statusChangedAt(waiting.id)).toEqual(waitingSince);
  });

  it('counts in wall time once nothing is waiting (Redis lost its data)', async () => {
    await stack.wipeQueues();
    expect(await oldestWaitingJobTime(queue)).toBeUndefined();
    await ageStatus(lost.id, 0);
    await ageStatus(waiting.id, 3);

    const report = await redriveStaleComplaints(complaints, queue, AFTER_SECONDS);

    expect(report.requeued).toBe(1);
    expect(await queue.getJob(processComplaintJobId({ complaintId: waiting.id, version: waiting.version }))).toBeDefined();
  });

  it('shows the backlog in /metrics: records unfinished and how long the oldest has waited', async () => {
    await stack.db.query(`UPDATE complaint SET accepted_at = now() - interval '10 minutes' WHERE id = $1`, [lost.id]);
    const metrics = (await api.get<string>('/metrics')).body;
    const value = (name: string) => Number(new RegExp(`^${name} ([\\d.e+]+)$`, 'm').exec(metrics)?.[1]);
    expect(value('complaints_unfinished')).toBe(2);
    expect(value('complaints_oldest_unfinished_seconds')).toBeGreaterThanOrEqual(600);
    expect(value('complaints_oldest_unfinished_seconds')).toBeLessThan(700);

    await stack.db.query(`UPDATE complaint SET status = 'processed' WHERE id = ANY($1::uuid[])`, [[lost.id, waiting.id]]);
    const after = (await api.get<string>('/metrics')).body;
    expect(after).toMatch(/^complaints_unfinished 0$/m);
    expect(after).toMatch(/^complaints_oldest_unfinished_seconds 0$/m);
  });

  async function ageStatus(id: string, minutes: number): Promise<void> {
    await stack.db.query(`UPDATE complaint SET status_changed_at = now() - make_interval(mins => $2) WHERE id = $1`, [id, minutes]);
  }

  async function statusChangedAt(id: string): Promise<Date> {
    const { rows } = await stack.db.query<{ at: Date }>(`SELECT status_changed_at AS at FROM complaint WHERE id = $1`, [id]);
    return rows[0].at;
  }
});
