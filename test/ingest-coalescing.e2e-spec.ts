import { JobName, processComplaintJobId, QueueName, redisOptionsFromUrl } from '@app/contracts';
import { Queue } from 'bullmq';
import { ApiClient, ApiResponse } from './support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

type Answer = { id?: string; status?: string; statusCode?: number; details?: Array<{ field: string; message: string }> };

/*
 * Concurrent single-record POSTs are coalesced into shared statements and queue adds
 * (issue 6). Seen from outside nothing may change: each request gets its own answer, a
 * 202 only for a committed row, resubmissions keep their semantics, and organisations
 * never touch each other's records even when their rows share one statement.
 */
describe('coalesced single-record ingest (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let a: CreatedOrganisation;
  let b: CreatedOrganisation;
  let queue: Queue;

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    api = new ApiClient(stack.baseUrl);
    a = await createOrganisation(api, stack.config.adminToken, { name: 'Riverside NHS Trust' });
    b = await createOrganisation(api, stack.config.adminToken, { name: 'Hilltop Borough Council', sector: 'local-government' });
    queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
  });

  afterAll(async () => {
    await queue.close();
    await stack.stop();
  });

  const post = (token: string, body: unknown) => api.post<Answer>('/v1/complaints', { token, body });

  async function queuedJobIds(): Promise<string[]> {
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    return jobs.filter((job) => job.name === JobName.ProcessComplaint).map((job) => job.id as string);
  }

  async function flushMetrics(): Promise<{ flushes: number; rows: number }> {
    const metrics = (await api.get<string>('/metrics')).body;
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
    return { flushes: value('complaints_single_flush_rows_count'), rows: value('complaints_single_flush_rows_sum') };
  }

  it('answers each of many concurrent POSTs on its own, and stores and queues every accepted one exactly once', async () => {
    const before = await flushMetrics();
    const jobsBefore = new Set(await queuedJobIds());

    // Both organisations use the same references: same key text, different records.
    const shared = Array.from({ length: 30 }, (_, i) => `SHARED-${Date.now()}-${i}`);
    const requests: Array<{ token: string; org: CreatedOrganisation; body: Record<string, unknown>; expect: 'accepted' | 'invalid' }> = [];
    for (const reference of shared) {
      requests.push({ token: a.apiKey, org: a, body: complaintRecord({ reference, serviceArea: 'Maternity' }), expect: 'accepted' });
      requests.push({ token: b.apiKey, org: b, body: complaintRecord({ reference, serviceArea: 'Housing repairs' }), expect: 'accepted' });
    }
    const invalid = [
      complaintRecord({ outcome: 'sort-of' }),
      complaintRecord({ summary: 'too short' }),
      complaintRecord({ receivedAt: '2999-01-01T00:00:00Z' }),
      complaintRecord({ patientName: 'Jane' }),
      'not an object',
    ];
    // Interleave the bad ones so they share flushes with good ones.
    invalid.forEach((body, i) => requests.splice(i * 12 + 5, 0, { token: a.apiKey, org: a, body: body as Record<string, unknown>, expect: 'invalid' }));

    const answers = await Promise.all(requests.map((r) => post(r.token, r.body)));

    answers.forEach((answer: ApiResponse<Answer>, i) => {
      if (requests[i].expect === 'invalid') {
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'The complaint record is not valid' });
        expect(answer.body.details?.length).toBeGreaterThan(0);
      } else {
        expect(answer.status).toBe(202);
        expect(answer.body).toEqual({ id: expect.any(String), status: 'received' });
      }
    });
    const invalidFields = answers.filter((_, i) => requests[i].expect === 'invalid').map((answer) => answer.body.details?.[0].field);
    expect(invalidFields).toEqual(['outcome', 'summary', 'receivedAt', 'patientName', '(record)']);

    // Every 202 names its own organisation's row, committed, with the content that request sent.
    const accepted = requests.map((r, i) => ({ ...r, id: answers[i].body.id as string })).filter((r) => r.expect === 'accepted');
    expect(new Set(accepted.map((r) => r.id)).size).toBe(accepted.length);
    const { rows } = await stack.db.query<{ id: string; organisation_id: string; reference: string; service_area: string; version: number; status: string }>(
      'SELECT id, organisation_id, reference, service_area, version, status FROM complaint WHERE id = ANY($1::uuid[])',
      [accepted.map((r) => r.id)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const r of accepted) {
      expect(byId.get(r.id)).toEqual({
        id: r.id,
        organisation_id: r.org.id,
        reference: r.body.reference,
        service_area: r.body.serviceArea,
        version: 1,
        status: 'received',
      });
    }

    // Each accepted record is queued exactly once, under its own job id.
    const jobs = (await queuedJobIds()).filter((id) => !jobsBefore.has(id));
    expect(jobs.sort()).toEqual(accepted.map((r) => processComplaintJobId({ complaintId: r.id, version: 1 })).sort());

    // And they were written together, not one statement per request.
    const after = await flushMetrics();
    expect(after.rows - before.rows).toBe(accepted.length);
    expect(after.flushes - before.flushes).toBeLessThan(accepted.length);
  });

  it('keeps resubmission semantics when the same reference arrives many times at once', async () => {
    const jobsBefore = new Set(await queuedJobIds());
    const record = complaintRecord();
    const changed = { ...record, outcome: 'not-upheld' };

    // The same content 15 times at once: one row, one version, one job, one id for all.
    const same = await Promise.all(Array.from({ length: 15 }, () => post(a.apiKey, record)));
    expect(same.map((s) => s.status)).toEqual(Array(15).fill(202));
    const ids = new Set(same.map((s) => s.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids] as string[];

    // Then the same content and a changed version together with it: the change makes version 2 and is queued.
    const mixed = await Promise.all([post(a.apiKey, record), post(a.apiKey, changed), post(a.apiKey, changed), post(b.apiKey, record)]);
    expect(mixed.map((m) => m.status)).toEqual([202, 202, 202, 202]);
    expect(mixed.slice(0, 3).map((m) => m.body.id)).toEqual([id, id, id]);
    // The other organisation's record under the same reference is its own, new row.
    expect(mixed[3].body.id).not.toBe(id);

    const { rows } = await stack.db.query<{ organisation_id: string; version: number; outcome: string }>(
      'SELECT organisation_id, version, outcome FROM complaint WHERE reference = $1 ORDER BY organisation_id = $2 DESC',
      [record.reference, a.id],
    );
    expect(rows).toEqual([
      { organisation_id: a.id, version: 2, outcome: 'not-upheld' },
      { organisation_id: b.id, version: 1, outcome: 'upheld' },
    ]);
    const jobs = (await queuedJobIds()).filter((jobId) => !jobsBefore.has(jobId)).sort();
    expect(jobs).toEqual(
      [
        processComplaintJobId({ complaintId: id, version: 1 }),
        processComplaintJobId({ complaintId: id, version: 2 }),
        processComplaintJobId({ complaintId: mixed[3].body.id as string, version: 1 }),
      ].sort(),
    );
  });

  it('runs alongside a batch writing the same references in the opposite order, without deadlock or lost versions', async () => {
    const jobsBefore = new Set(await queuedJobIds());
    const references = Array.from({ length: 40 }, (_, i) => `RACE-${Date.now()}-${String(i).padStart(2, '0')}`);
    const singles = references.map((reference) => complaintRecord({ reference, outcome: 'upheld' }));
    const batchItems = [...references].reverse().map((reference) => complaintRecord({ reference, outcome: 'not-upheld' }));
    const [batch, ...answers] = await Promise.all([
      api.post<{ accepted: Array<{ index: number; id: string }>; rejected: unknown[] }>('/v1/complaints/batch', { token: a.apiKey, body: { items: batchItems } }),
      ...singles.map((body) => post(a.apiKey, body)),
    ]);
    expect(batch.status).toBe(202);
    expect(batch.body.rejected).toEqual([]);
    expect(answers.map((x) => x.status)).toEqual(Array(references.length).fill(202));
    // Whichever came first, each reference is one row at version 2, with the later content.
    const { rows } = await stack.db.query<{ id: string; version: number }>('SELECT id, version FROM complaint WHERE reference = ANY($1::text[])', [references]);
    expect(rows).toHaveLength(references.length);
    expect(rows.every((row) => row.version === 2)).toBe(true);
    expect(new Set(answers.map((x) => x.body.id))).toEqual(new Set(rows.map((row) => row.id)));
    const jobs = (await queuedJobIds()).filter((jobId) => !jobsBefore.has(jobId));
    expect(jobs.sort()).toEqual(rows.flatMap((row) => [1, 2].map((version) => processComplaintJobId({ complaintId: row.id, version }))).sort());
  });
});
