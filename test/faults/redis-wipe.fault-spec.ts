import { FaultStack } from './support/fault-stack';

/*
 * Redis loses its data in the middle of a run (every key under this run's queue prefix is
 * deleted while ingest and the worker keep running: the same as a FLUSHDB of a Redis of its
 * own). PostgreSQL is the source of truth, so the re-drive must queue every record left
 * `received` or `processing` again, and each must still be processed exactly once.
 */
describe('fault: Redis data wiped mid-run', () => {
  const stack = new FaultStack({ name: 'redis-wipe' });

  beforeAll(() => stack.setup());
  afterAll(() => stack.teardown());

  it('recovers every accepted record through the re-drive, each processed exactly once', async () => {
    const ingest = await stack.startIngest();
    await stack.seed(ingest, 6);
    await stack.startWorker();
    const before = stack.submit(ingest, stack.records(1500));
    await stack.waitUntil(async () => (await stack.finishedCount()) >= 150, 'the worker to be into the run', 120_000);

    console.log(`[redis-wipe] job schedulers before the wipe: ${await stack.jobSchedulers()}`);
    const wiped = await stack.wipeQueues();
    const atWipe = await stack.statusCounts();
    console.log(`[redis-wipe] deleted ${wiped} keys with ${JSON.stringify(atWipe)}`);
    expect(wiped).toBeGreaterThan(0);

    // Ingest keeps accepting while Redis is empty.
    const after = stack.submit(ingest, stack.records(300));
    const ids = [...(await before), ...(await after)];
    expect(ids).toHaveLength(1800);

    const final = await stack.waitFinished(ids, 150_000, 'the re-drive to recover every record');
    await stack.waitMailSettled(60_000);
    const result = await stack.verifyExactlyOnce(ids);
    console.log(`[redis-wipe] final ${JSON.stringify(final)}; ${result.mails} alert emails, none twice`);
  });
});
