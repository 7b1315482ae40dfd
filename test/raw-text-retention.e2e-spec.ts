import { Queue } from 'bullmq';
import { processComplaintJobs, QueueName, redisOptionsFromUrl } from '@app/contracts';
import { ApiClient } from './support/api-client';
import { TEXTS } from './support/complaint-texts';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface Exported {
  complaints: Array<{ id: string; rawText: unknown; rawTextDroppedAt: string | null; redactedText: { summary: string } }>;
}

/** RAW_TEXT_RETENTION_DAYS=0: raw text is dropped as soon as a complaint is processed; the redacted copy stays. */
describe('raw text retention (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ env: { RAW_TEXT_RETENTION_DAYS: '0', RAW_TEXT_RETENTION_SWEEP_SECONDS: '1' } });
  let api: ApiClient;
  let trust: CreatedOrganisation;

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    trust = await createOrganisation(api, stack.config.adminToken, { name: 'Riverside NHS Trust', sector: 'health' });
  }, 240_000);

  afterAll(() => stack.stop());

  const row = async (id: string) =>
    (
      await stack.db.query(
        `SELECT status, summary, learning, redacted_summary, redacted_learning, raw_text_dropped_at, classification, processed_at
         FROM complaint WHERE id = $1`,
        [id],
      )
    ).rows[0];

  it('drops the raw text after processing and keeps the redacted copy; reprocessing works from it', async () => {
    const record = complaintRecord({ summary: TEXTS.maternityScan, complainantId: 'nhs:9434765919', learning: 'Mrs Patel now gets a call from the ward manager.' });
    const [id] = await submitComplaints(api, trust.apiKey, [record]);
    await stack.waitFor(async () => (await row(id))?.raw_text_dropped_at !== null || undefined, 'the raw text to be dropped', 60_000);
    const dropped = await row(id);
    expect(dropped.status).toBe('processed');
    expect(dropped.summary).toBe(dropped.redacted_summary);
    expect(dropped.learning).toBe(dropped.redacted_learning);
    expect(JSON.stringify(dropped)).not.toMatch(/07700 900123|Patel/);

    const exported = await api.get<Exported>(`/v1/subject-access?complainantId=${encodeURIComponent('nhs:9434765919')}`, { token: trust.apiKey });
    expect(exported.body.complaints).toEqual([expect.objectContaining({ id, rawText: null, rawTextDroppedAt: expect.any(String) })]);

    // Reclassify: the record goes back to `received` and is processed again, from the redacted copy.
    await stack.db.query(`UPDATE complaint SET status = 'received', status_changed_at = now() WHERE id = $1`, [id]);
    const queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
    await queue.addBulk(processComplaintJobs([{ complaintId: id, version: 1 }]));
    await queue.close();
    await stack.waitFor(async () => {
      const again = await row(id);
      return (again.status === 'processed' && again.processed_at > dropped.processed_at) || undefined;
    }, 'the complaint to be processed again', 60_000);
    const reprocessed = await row(id);
    expect(reprocessed.redacted_summary).toBe(dropped.redacted_summary);
    expect(reprocessed.classification.themes.map((t: { id: string }) => t.id)).toEqual(dropped.classification.themes.map((t: { id: string }) => t.id));
    expect(JSON.stringify(reprocessed)).not.toMatch(/07700 900123|Patel/);
  }, 240_000);

  it('keeps raw text again for a changed resubmission until it is processed', async () => {
    const record = complaintRecord({ summary: TEXTS.boilerRepair });
    const [id] = await submitComplaints(api, trust.apiKey, [record]);
    await stack.waitFor(async () => (await row(id))?.raw_text_dropped_at !== null || undefined, 'the raw text to be dropped', 60_000);
    await api.post('/v1/complaints', { token: trust.apiKey, body: { ...record, outcome: 'partly-upheld', summary: `${TEXTS.boilerRepair} Mr Jones was not told.` } });
    const resubmitted = await stack.db.query('SELECT version, raw_text_dropped_at FROM complaint WHERE id = $1', [id]);
    expect(resubmitted.rows[0].version).toBe(2);
    await stack.waitFor(async () => (await row(id))?.raw_text_dropped_at !== null || undefined, 'the new raw text to be dropped in turn', 60_000);
    expect((await row(id)).summary).not.toContain('Mr Jones');
  });
});
