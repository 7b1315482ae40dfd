import { FaultStack } from './support/fault-stack';

/*
 * Horizontal scale-out: two ingest processes and two workers on one Redis and one
 * PostgreSQL, started together. Records are posted through both ingest processes, some
 * of them to both at once (same reference, same content: one record, processed once) and
 * some again with changed content through the other process (a new version, processed
 * once more). Both workers must share the work and nothing may be processed twice.
 */
describe('fault: two workers and two ingest processes at once', () => {
  const stack = new FaultStack({ name: 'scale-out' });

  beforeAll(() => stack.setup());
  afterAll(() => stack.teardown());

  it('shares the work between the workers and processes every version exactly once', async () => {
    const [first, second] = await Promise.all([stack.startIngest(), stack.startIngest()]);
    await stack.seed(first, 8);
    const counts = new Map<string, number>();
    const countBatches = (line: string, name: string) => {
      const stored = /"msg":"batch processed"/.test(line) ? Number(/"stored":(\d+)/.exec(line)?.[1] ?? 0) : 0;
      if (stored > 0) counts.set(name, (counts.get(name) ?? 0) + stored);
    };
    const workers = await Promise.all([stack.startWorker({ LOG_LEVEL: 'debug' }, countBatches), stack.startWorker({ LOG_LEVEL: 'debug' }, countBatches)]);

    const byOrg = stack.records(2400);
    const twice = byOrg.map((records) => records.slice(0, 20));
    const [ids, fromFirst, fromSecond] = await Promise.all([
      stack.submit([first, second], byOrg.map((records) => records.slice(20))),
      stack.submit(first, twice, { batchSize: 20, inFlight: 2 }),
      stack.submit(second, twice, { batchSize: 20, inFlight: 2 }),
    ]);
    expect(new Set(fromFirst)).toEqual(new Set(fromSecond));
    const all = [...new Set([...ids, ...fromFirst])];
    expect(all).toHaveLength(2400);
    await stack.waitFinished(all, 150_000);

    // The same references again with changed content, through the other process: version 2.
    const changed = twice.map((records) => records.slice(0, 5).map((r) => ({ ...r, outcome: r.outcome === 'upheld' ? 'not-upheld' : 'upheld' })));
    const versioned = await stack.submit(second, changed, { batchSize: 5 });
    expect(versioned.every((id) => fromFirst.includes(id))).toBe(true);
    const { rows } = await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM complaint WHERE id = ANY($1) AND version = 2', [versioned]);
    expect(rows[0].n).toBe(versioned.length);
    const final = await stack.waitFinished(all, 120_000);
    await stack.waitMailSettled(60_000);
    const result = await stack.verifyExactlyOnce(all);
    const { rows: history } = await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fault_completion_log WHERE complaint_id = ANY($1) AND version = 1', [versioned]);
    expect(history[0].n).toBe(versioned.length);
    console.log(`[scale-out] final ${JSON.stringify(final)}; records stored per worker ${JSON.stringify(Object.fromEntries(counts))}; ${result.mails} alert emails, none twice`);
    for (const worker of workers) expect(counts.get(worker.options.name) ?? 0).toBeGreaterThan(0);
  });
});
