import { QueueName, redisOptionsFromUrl } from '@app/contracts';
import { Queue } from 'bullmq';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

type BatchAnswer = { accepted: Array<{ index: number; id: string }>; rejected: Array<{ index: number; details: Array<{ field: string; message: string }> }> };

describe('ingest API (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ env: { BODY_LIMIT_BYTES: String(2 * 1024 * 1024) } });
  let api: ApiClient;
  let org: CreatedOrganisation;
  let other: CreatedOrganisation;
  let queue: Queue;

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    api = new ApiClient(stack.baseUrl);
    org = await createOrganisation(api, stack.config.adminToken);
    other = await createOrganisation(api, stack.config.adminToken, { name: 'Hilltop Borough Council', sector: 'local-government' });
    queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
  });

  afterAll(async () => {
    await queue.close();
    await stack.stop();
  });

  const jobCount = () => queue.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized');

  it('accepts one record, stores it as received and queues one job', async () => {
    const before = await jobCount();
    const response = await api.post<{ id: string; status: string }>('/v1/complaints', { token: org.apiKey, body: complaintRecord() });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('received');
    const { rows } = await stack.db.query('SELECT status, version FROM complaint WHERE id = $1', [response.body.id]);
    expect(rows).toEqual([{ status: 'received', version: 1 }]);
    expect(await jobCount()).toBe(before + 1);
    const read = await api.get<{ id: string; status: string }>(`/v1/complaints/${response.body.id}`, { token: org.apiKey });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: response.body.id, status: 'received' });
  });

  it('answers a batch of 3 bad and 7 good with 7 accepted and 3 rejected naming field and reason', async () => {
    const items = Array.from({ length: 10 }, () => complaintRecord());
    items[1] = complaintRecord({ outcome: 'sort-of' });
    items[4] = complaintRecord({ summary: 'too short' });
    items[8] = complaintRecord({ receivedAt: '2999-01-01T00:00:00Z' });
    const response = await api.post<BatchAnswer>('/v1/complaints/batch', { token: org.apiKey, body: { items } });
    expect(response.status).toBe(202);
    expect(response.body.accepted.map((a) => a.index)).toEqual([0, 2, 3, 5, 6, 7, 9]);
    expect(new Set(response.body.accepted.map((a) => a.id)).size).toBe(7);
    expect(response.body.rejected.map((r) => [r.index, r.details[0].field])).toEqual([
      [1, 'outcome'],
      [4, 'summary'],
      [8, 'receivedAt'],
    ]);
    expect(response.body.rejected[0].details[0].message).toMatch(/outcome must be one of/);
    expect(response.body.rejected[1].details[0].message).toMatch(/summary must be longer than or equal to 20/);
    expect(response.body.rejected[2].details[0].message).toMatch(/future/);
  });

  it('rejects unknown fields by name instead of dropping them', async () => {
    const response = await api.post<{ statusCode: number; details: Array<{ field: string; message: string }> }>('/v1/complaints', {
      token: org.apiKey,
      body: complaintRecord({ patientName: 'Jane' }),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.details).toEqual([{ field: 'patientName', message: 'is not a known field of a complaint record' }]);
  });

  it('accepts a CSV export with per-row answers', async () => {
    const header = 'reference,receivedAt,serviceArea,summary,outcome,remedies';
    const good = (ref: string) => `${ref},2026-09-01,Housing repairs,"Repairs to the boiler were delayed for six weeks, leaving the family without heating",upheld,apology;financial`;
    const csv = `\ufeff${header}\r\n${good('CSV-A')}\r\nCSV-B,2026-09-01,Housing,too short,upheld,\r\n${good('CSV-C')}\r\n`;
    const response = await api.post<BatchAnswer>('/v1/complaints/csv', { token: org.apiKey, rawBody: csv, contentType: 'text/csv' });
    expect(response.status).toBe(202);
    expect(response.body.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(response.body.rejected).toEqual([{ index: 1, details: [expect.objectContaining({ field: 'summary' })] }]);
    const { rows } = await stack.db.query("SELECT remedies FROM complaint WHERE reference = 'CSV-A'");
    expect(rows[0].remedies).toEqual(['apology', 'financial']);
  });

  it('rejects an oversized body with 413', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const response = await api.post('/v1/complaints', { token: org.apiKey, rawBody: JSON.stringify({ summary: big }), contentType: 'application/json' });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413 });
  });

  it('answers 401 for a missing or wrong key', async () => {
    expect((await api.post('/v1/complaints', { body: complaintRecord() })).status).toBe(401);
    expect((await api.post('/v1/complaints', { token: 'clp_not-a-real-key', body: complaintRecord() })).status).toBe(401);
    expect((await api.post('/v1/organisations', { token: org.apiKey, body: { name: 'x', kind: 'public-body', sector: 'health' } })).status).toBe(403);
  });

  it("answers 404 for another organisation's complaint", async () => {
    const mine = await api.post<{ id: string }>('/v1/complaints', { token: org.apiKey, body: complaintRecord() });
    expect((await api.get(`/v1/complaints/${mine.body.id}`, { token: other.apiKey })).status).toBe(404);
    expect((await api.get('/v1/complaints/not-a-uuid', { token: org.apiKey })).status).toBe(404);
  });

  it('keeps one row and one job when the same record is posted 20 times at once', async () => {
    const record = complaintRecord();
    const before = await jobCount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.post<{ id: string }>('/v1/complaints', { token: org.apiKey, body: record })));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM complaint WHERE reference = $1', [record.reference]);
    expect(rows[0].n).toBe(1);
    expect(await jobCount()).toBe(before + 1);
  });

  it('makes a new version when the content of a reference changes, queued again', async () => {
    const record = complaintRecord();
    const first = await api.post<{ id: string }>('/v1/complaints', { token: org.apiKey, body: record });
    const same = await api.post<{ id: string }>('/v1/complaints', { token: org.apiKey, body: { ...record } });
    const before = await jobCount();
    const changed = await api.post<{ id: string }>('/v1/complaints', { token: org.apiKey, body: { ...record, outcome: 'not-upheld' } });
    expect(same.body.id).toBe(first.body.id);
    expect(changed.body.id).toBe(first.body.id);
    const { rows } = await stack.db.query('SELECT version, outcome FROM complaint WHERE id = $1', [first.body.id]);
    expect(rows[0]).toEqual({ version: 2, outcome: 'not-upheld' });
    expect(await jobCount()).toBe(before + 1);
  });

  it('never stores the raw complainant identifier', async () => {
    const response = await api.post<{ id: string }>('/v1/complaints', { token: org.apiKey, body: complaintRecord({ complainantId: 'nhs:943 476 5919' }) });
    const { rows } = await stack.db.query('SELECT to_jsonb(c)::text AS row FROM complaint c WHERE id = $1', [response.body.id]);
    expect(rows[0].row).not.toMatch(/943 ?476 ?5919/);
    expect(rows[0].row).toMatch(/"complainant_hash": "[0-9a-f]{64}"/);
  });

  it('lets an organisation add its own contacts but not another organisation’s', async () => {
    const contact = { name: 'Sam Jones', email: 'sam@example.org', serviceAreas: ['Maternity'], digest: 'weekly' };
    expect((await api.post(`/v1/organisations/${org.id}/contacts`, { token: org.apiKey, body: contact })).status).toBe(201);
    expect((await api.post(`/v1/organisations/${org.id}/contacts`, { token: other.apiKey, body: contact })).status).toBe(404);
    const bad = await api.post<{ details: Array<{ field: string }> }>(`/v1/organisations/${org.id}/contacts`, {
      token: stack.config.adminToken,
      body: { ...contact, email: 'nope', digest: 'hourly' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field).sort()).toEqual(['digest', 'email']);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    const health = await api.get<{ status: string; info: Record<string, unknown> }>('/health');
    expect(health.status).toBe(200);
    expect(Object.keys(health.body.info).sort()).toEqual(['postgres', 'redis']);
    const metrics = await api.get<string>('/metrics');
    expect(metrics.body).toMatch(/complaints_accepted_total\{endpoint="batch"\} 7/);
    expect(metrics.body).toMatch(/complaints_rejected_total\{field="outcome"\}/);
    expect(metrics.body).toMatch(/queue_jobs\{queue="complaints",state="waiting"\}/);
    const docs = await api.get<{ paths: Record<string, unknown> }>('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/complaints', '/v1/complaints/batch', '/v1/complaints/csv', '/v1/organisations']));
  });
});
