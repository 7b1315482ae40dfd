import { FaultStack } from './support/fault-stack';

/*
 * kill -9 of the worker in the middle of a 5,000-record run, then a restart. Records the
 * dead worker had claimed stay `processing` with their BullMQ jobs locked until the lock
 * expires (BullMQ's stalled-job check) or the re-drive queues them again; either way each
 * must end processed exactly once, and no alert may be mailed twice.
 */
describe('fault: kill -9 of a worker mid-run', () => {
  const stack = new FaultStack({ name: 'worker-kill' });

  beforeAll(() => stack.setup());
  afterAll(() => stack.teardown());

  it('processes every one of 5,000 accepted records exactly once after a restart', async () => {
    const ingest = await stack.startIngest();
    await stack.seed(ingest, 8);
    const worker = await stack.startWorker();
    const submitting = stack.submit(ingest, stack.records(5000));

    await stack.waitUntil(async () => (await stack.finishedCount()) >= 500, 'the worker to be well into the run', 120_000);
    await worker.kill9();
    const atKill = await stack.statusCounts();
    const ids = await submitting;
    expect(ids).toHaveLength(5000);
    console.log(`[worker-kill] killed the worker with ${JSON.stringify(atKill)}`);

    await stack.startWorker();
    const final = await stack.waitFinished(ids, 150_000);
    await stack.waitMailSettled(60_000);
    const result = await stack.verifyExactlyOnce(ids);
    console.log(`[worker-kill] after restart: ${JSON.stringify(final)}; ${result.mails} alert emails, none twice`);
  });
});
