import { FaultStack } from './support/fault-stack';

/*
 * kill -9 of the worker in the middle of a 5,000-record run, then a restart. Records the
 * dead worker had claimed stay `processing` with their BullMQ jobs locked until the lock
 * expires (BullMQ's stalled-job check) or the re-drive queues them again; either way each
 * must end processed exactly once, and no alert may be mailed twice — except one the dead
 * worker had already handed to the relay without recording it (in doubt, resent once with the
 * same Message-ID, as documented).
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
    const inDoubt = await stack.alertsInDoubt();
    const atKill = await stack.statusCounts();
    const ids = await submitting;
    expect(ids).toHaveLength(5000);
    console.log(`[worker-kill] killed the worker with ${JSON.stringify(atKill)}`);

    await stack.startWorker();
    // The dead worker's claimed jobs come back only through BullMQ's stalled-job check: their
    // lock expires (30 s) and the next check (every 30 s) moves them, up to ~60 s after the
    // restart, by when everything else may long be done. So "no progress" allows 120 s here.
    const final = await stack.waitFinished(ids, 240_000, 'every accepted record to be processed', 120_000);
    // An alert left in doubt is taken over when BullMQ hands the dead worker's job on (30–90 s).
    await stack.waitMailSettled(150_000);
    const result = await stack.verifyExactlyOnce(ids, { inDoubt });
    console.log(
      `[worker-kill] after restart: ${JSON.stringify(final)}; ${result.mails} alert emails; ${inDoubt.length} in doubt at the kill, ` +
        `of which ${stack.smtp.duplicates().filter(([id]) => inDoubt.includes(id)).length} arrived twice; none other twice`,
    );
  }, 480_000);
});
