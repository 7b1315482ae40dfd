import { FaultStack } from './support/fault-stack';

/*
 * kill -9 of the worker in the middle of a 5,000-record run, then a restart. Records the
 * dead worker had claimed stay `processing` with their BullMQ jobs locked until the lock
 * expires (BullMQ's stalled-job check) or the re-drive queues them again; either way each
 * must end processed exactly once, and no alert may be mailed twice, at all: an alert the dead
 * worker may have handed to the relay without recording it is in doubt and held (the default
 * MAIL_IN_DOUBT=hold), not sent again. Every alert is received exactly once or held.
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
    // lock expires (15 s) and the next check (every 5 s) moves them, up to ~20 s after the
    // kill, by when everything else may long be done. "No progress" allows 120 s here.
    const final = await stack.waitFinished(ids, 240_000, 'every accepted record to be processed', 120_000);
    // An alert left in doubt is taken over when BullMQ hands the dead worker's job on (15–20 s after the kill).
    await stack.waitMailSettled(150_000);
    const result = await stack.verifyExactlyOnce(ids);
    const held = await stack.alertsHeld();
    // Only an alert its sender left without an outcome may be held.
    expect(held.filter((id) => !inDoubt.includes(id))).toEqual([]);
    console.log(
      `[worker-kill] after restart: ${JSON.stringify(final)}; ${result.mails} alert emails, none twice; ${inDoubt.length} in doubt at the kill, ` +
        `${result.held} held (${result.heldReceived} of them had reached the relay), the other ${inDoubt.length - result.held} sent once`,
    );
  }, 480_000);
});
