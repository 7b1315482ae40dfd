import { FaultStack } from './support/fault-stack';

const MARKER = 'FAULT-POISON-7f3a';

/*
 * A poison record: classification throws for it every time. The worker runs with its analyser
 * replaced through dependency injection (support/poison-worker.js), so a summary containing the
 * marker fails the analysis step. It must be retried, then marked `failed` with its reason
 * visible in GET /v1/complaints/:id, while every other record of the same batches is processed once.
 */
describe('fault: a poison record that makes classification throw', () => {
  const stack = new FaultStack({ name: 'poison' });

  beforeAll(() => stack.setup());
  afterAll(() => stack.teardown());

  it('retries it, marks it failed with the reason, and leaves the others unaffected', async () => {
    const ingest = await stack.startIngest();
    await stack.seed(ingest, 3);
    await stack.startPoisonWorker(MARKER);
    const byOrg = stack.records(600);
    // Three poison records, in the middle of batches of ordinary ones.
    for (const [orgIndex, position] of [[0, 10], [1, 100], [2, 150]]) {
      const record = byOrg[orgIndex][position];
      record.summary = `${record.summary.slice(0, 300)} ${MARKER} ${record.summary.slice(300)}`.slice(0, 20_000);
    }
    const poisonRefs = [byOrg[0][10], byOrg[1][100], byOrg[2][150]].map((r) => r.reference);
    const ids = await stack.submit(ingest, byOrg, { batchSize: 100 });
    const { rows: poison } = await stack.db.query<{ id: string }>('SELECT id FROM complaint WHERE reference = ANY($1)', [poisonRefs]);
    expect(poison).toHaveLength(3);

    const final = await stack.waitFinished(ids, 120_000, 'every record to be processed or failed');
    expect(final.failed).toBe(3);
    await stack.waitMailSettled(60_000);
    const result = await stack.verifyExactlyOnce(ids, { failed: new Map(poison.map((p) => [p.id, /poison/])) });

    // The queue promises 5 attempts with exponential backoff from 1 s (docs/guarantees.md):
    // failing for good takes at least 1 + 2 + 4 + 8 = 15 s after the record was accepted.
    const { rows } = await stack.db.query<{ attempts: number; failing_seconds: number }>(
      'SELECT attempts, extract(epoch FROM status_changed_at - accepted_at)::float AS failing_seconds FROM complaint WHERE id = ANY($1)',
      [poison.map((p) => p.id)],
    );
    for (const row of rows) {
      expect(row.attempts).toBe(5);
      expect(row.failing_seconds).toBeGreaterThanOrEqual(15);
    }
    const { rows: owners } = await stack.db.query<{ id: string; organisation_id: string }>('SELECT id, organisation_id FROM complaint WHERE id = ANY($1)', [poison.map((p) => p.id)]);
    for (const { id, organisation_id } of owners) {
      const owner = stack.orgs.find((org) => org.id === organisation_id);
      if (!owner) throw new Error(`no key for organisation ${organisation_id}`);
      const view = await stack.call<{ status: string; failureReason: string }>(ingest, 'GET', `/v1/complaints/${id}`, owner.apiKey, undefined, 200);
      expect(view).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/poison/) });
    }
    console.log(`[poison] final ${JSON.stringify(final)}; attempts per poison record ${rows.map((r) => r.attempts).join(', ')}; ${result.mails} alert emails, none twice`);
  });
});
