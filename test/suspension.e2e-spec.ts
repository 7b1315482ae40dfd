import { ApiClient } from './support/api-client';
import { TEXTS } from './support/complaint-texts';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

describe('suspending an organisation (real PostgreSQL, Redis, ingest and worker)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let body: CreatedOrganisation;
  let bystander: CreatedOrganisation;
  const admin = () => stack.config.adminToken;
  const statuses = async (ids: string[]) =>
    (await stack.db.query<{ status: string }>(`SELECT status FROM complaint WHERE id = ANY($1) ORDER BY id`, [ids])).rows.map((r) => r.status);
  const suspend = (id: string, suspended: boolean) => api.request('PATCH', `/v1/organisations/${id}`, { token: admin(), body: { suspended } });

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    body = await createOrganisation(api, admin(), { name: 'Suspended Trust' });
    bystander = await createOrganisation(api, admin(), { name: 'Bystander Council', sector: 'local-government' });
  });

  afterAll(() => stack.stop());

  it('is for the admin only', async () => {
    expect((await api.request('PATCH', `/v1/organisations/${body.id}`, { token: body.apiKey, body: { suspended: true } })).status).toBe(403);
    expect((await api.request('PATCH', `/v1/organisations/${body.id}`, { token: admin(), body: { suspended: 'yes' } })).status).toBe(400);
    expect((await api.request('PATCH', `/v1/organisations/00000000-0000-4000-8000-00000000abcd`, { token: admin(), body: { suspended: true } })).status).toBe(404);
  });

  it('refuses the organisation’s requests with 403, holds its queued work, and loses none of it', async () => {
    // Queued while no worker runs, so the jobs are in Redis when the body is suspended.
    await stack.stopWorker();
    const texts = Object.values(TEXTS).slice(0, 4);
    const held = await submitComplaints(api, body.apiKey, texts.map((summary) => complaintRecord({ summary })));
    const [other] = await submitComplaints(api, bystander.apiKey, [complaintRecord({ summary: TEXTS.rudeReception })]);

    expect((await suspend(body.id, true)).body).toMatchObject({ id: body.id, suspended: true });
    const refused = await api.post<{ statusCode: number; message: string }>('/v1/complaints', { token: body.apiKey, body: complaintRecord() });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/suspended/);
    expect((await api.get(`/v1/complaints/${held[0]}`, { token: body.apiKey })).status).toBe(403);

    await stack.startWorker();
    await stack.waitFor(async () => (await statuses([other]))[0] === 'processed', 'the other body’s complaint to be processed');
    // Several re-drive rounds (REDRIVE_AFTER_SECONDS=2, every second) pass: the held work stays held.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await statuses(held)).toEqual(held.map(() => 'received'));

    await suspend(body.id, false);
    await stack.waitFor(async () => (await statuses(held)).every((s) => s === 'processed' || s === 'duplicate'), 'the held complaints to be processed');
    expect((await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(202);
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM complaint WHERE organisation_id = $1 AND status = 'failed'`, [body.id]);
    expect(rows[0].n).toBe(0);
  });

  it('audits suspension and reinstatement', async () => {
    const audit = await api.get<{ items: Array<{ action: string; actorKind: string }> }>(`/v1/audit?organisationId=${body.id}`, { token: admin() });
    expect(audit.body.items.map((e) => e.action)).toEqual(['organisation.reinstate', 'organisation.suspend', 'organisation.create']);
    expect(audit.body.items.every((e) => e.actorKind === 'admin')).toBe(true);
  });
});
