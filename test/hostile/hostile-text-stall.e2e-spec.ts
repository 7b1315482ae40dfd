import { ApiClient } from '../support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from '../support/fixtures';
import { TestStack } from '../support/test-stack';

/*
 * "One body can stall everyone" (issue): a batch of 40 records whose summary and learning are
 * long runs of full stops held the worker at 100 % CPU for minutes (the sentence splitter's
 * regex was quadratic on them), and another body's ordinary complaint stayed `received`.
 * Real ingest, real worker, real PostgreSQL and Redis.
 */

const HOSTILE_RECORDS = 40;
/** ~10,000 full stops and then a word, so no run ends the text: the splitter's worst case. */
const HOSTILE_TEXT = `${'.'.repeat(10_000)}end`;
const MAX_DELAY_MS = 5_000;
const FINISHED = ['processed', 'duplicate'];

describe('a hostile batch of full stops does not stall another body (real stack)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let hostile: CreatedOrganisation;
  let ordinary: CreatedOrganisation;

  const statusOf = async (id: string): Promise<{ status: string; failure_reason: string | null }> => {
    const { rows } = await stack.db.query<{ status: string; failure_reason: string | null }>('SELECT status, failure_reason FROM complaint WHERE id = $1', [id]);
    return rows[0];
  };

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    hostile = await createOrganisation(api, stack.config.adminToken, { name: 'Hostile Borough Council', sector: 'local-government' });
    ordinary = await createOrganisation(api, stack.config.adminToken, { name: 'Riverside NHS Trust', sector: 'health' });
    // The classifier trains on first use (~1 s): do that before the clock starts.
    const [warmUp] = await submitComplaints(api, hostile.apiKey, [complaintRecord({ summary: 'The housing repairs team missed three appointments to fix the damp in our flat.' })]);
    await stack.waitFor(async () => FINISHED.includes((await statusOf(warmUp)).status), 'the warm-up complaint', 60_000);
  });

  afterAll(() => stack.stop());

  it("processes another body's ordinary complaint within 5 s, and finishes every hostile record", async () => {
    const items = Array.from({ length: HOSTILE_RECORDS }, () => complaintRecord({ summary: HOSTILE_TEXT, learning: HOSTILE_TEXT, serviceArea: 'Housing' }));
    const batch = await api.post<{ accepted: Array<{ index: number; id: string }>; rejected: unknown[] }>('/v1/complaints/batch', {
      token: hostile.apiKey,
      body: { items },
    });
    expect(batch.status).toBe(202);
    expect(batch.body.rejected).toEqual([]);
    expect(batch.body.accepted).toHaveLength(HOSTILE_RECORDS);

    // Wall time from just before the request: ingest and worker share this process, so a
    // stalled worker also delays the answer and the polling, and both count.
    const submittedAt = Date.now();
    const answer = await api.post<{ id: string }>('/v1/complaints', { token: ordinary.apiKey, body: complaintRecord() });
    expect(answer.status).toBe(202);
    await stack.waitFor(async () => FINISHED.includes((await statusOf(answer.body.id)).status), 'the ordinary complaint', 120_000);
    const delay = Date.now() - submittedAt;
    expect(delay).toBeLessThanOrEqual(MAX_DELAY_MS);

    // None lost: every hostile record ends processed, or failed with a reason.
    const ids = batch.body.accepted.map((a) => a.id);
    await stack.waitFor(
      async () => {
        const { rows } = await stack.db.query<{ count: string }>(`SELECT count(*) FROM complaint WHERE id = ANY($1) AND status NOT IN ('received', 'processing')`, [ids]);
        return Number(rows[0].count) === HOSTILE_RECORDS;
      },
      'every hostile record to finish',
      120_000,
    );
    for (const id of ids) {
      const { status, failure_reason: reason } = await statusOf(id);
      if (status === 'failed') expect(reason).toEqual(expect.stringMatching(/\S/));
      else expect(FINISHED).toContain(status);
    }
  }, 300_000);
});
