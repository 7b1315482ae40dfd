import { ApiClient } from './support/api-client';
import { TEXTS } from './support/complaint-texts';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface Rejection {
  details: Array<{ field: string; message: string }>;
}

/** UK GDPR art. 17: a complaint, or a person's complaints, erased with everything derived from them. */
describe('erasure (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let trust: CreatedOrganisation;
  let council: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;

  const settled = (...ids: string[]) =>
    stack.waitFor(async () => {
      const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM complaint WHERE id = ANY($1) AND status IN ('processed', 'duplicate')`, [ids]);
      return rows[0].n === ids.length;
    }, 'complaints to be processed', 60_000);
  const erase = (org: CreatedOrganisation | string, id: string) =>
    api.request('DELETE', `/v1/complaints/${id}`, { token: typeof org === 'string' ? org : org.apiKey });
  const count = async (sql: string, params: unknown[]) => (await stack.db.query<{ n: number }>(sql, params)).rows[0].n;
  const derivedRows = async (id: string) => ({
    complaint: await count('SELECT count(*)::int AS n FROM complaint WHERE id = $1', [id]),
    bands: await count('SELECT count(*)::int AS n FROM complaint_band WHERE complaint_id = $1', [id]),
    links: await count('SELECT count(*)::int AS n FROM complaint_link WHERE complaint_id = $1 OR related_id = $1', [id]),
    deliveries: await count('SELECT count(*)::int AS n FROM delivery WHERE complaint_id = $1', [id]),
  });

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    trust = await createOrganisation(api, admin, { name: 'Riverside NHS Trust', sector: 'health' });
    council = await createOrganisation(api, admin, { name: 'Hilltop Council', sector: 'local-government' });
    ombudsman = await createOrganisation(api, admin, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
    for (const org of [trust, council]) {
      await createContact(api, admin, org.id, { name: 'Lead', email: `lead@${org.id}.example`, digest: 'weekly' });
    }
  }, 240_000);

  afterAll(() => stack.stop());

  it('DELETE /v1/complaints/:id removes the complaint and everything derived from it; another body gets 404', async () => {
    const [id] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.maternityScan, complainantId: 'nhs:4857773457' })]);
    const [elsewhere] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.maternityScan.replace('clinic', 'service') })]);
    await settled(id, elsewhere);
    const before = await derivedRows(id);
    expect(before).toMatchObject({ complaint: 1, bands: expect.any(Number), links: 2 });
    expect(before.bands).toBeGreaterThan(0);
    expect(before.deliveries).toBeGreaterThan(0);

    expect((await erase(council, id)).status).toBe(404);
    expect((await erase(ombudsman, id)).status).toBe(404);
    expect((await erase(trust, id)).status).toBe(204);
    expect(await derivedRows(id)).toEqual({ complaint: 0, bands: 0, links: 0, deliveries: 0 });
    expect((await api.get(`/v1/complaints/${id}`, { token: trust.apiKey })).status).toBe(404);
    expect((await erase(trust, id)).status).toBe(404);

    const { rows } = await stack.db.query(`SELECT actor_kind, actor_id, organisation_id, detail FROM audit_event WHERE action = 'complaint.erase' AND subject_id = $1`, [id]);
    expect(rows).toEqual([
      expect.objectContaining({ actor_kind: 'organisation', actor_id: trust.id, organisation_id: trust.id, detail: expect.objectContaining({ via: 'complaint', versions: 1, links: 1 }) }),
    ]);
    expect(JSON.stringify(rows[0].detail)).not.toMatch(/Patel|scan|07700|4857773457/);
  });

  it('lets the admin erase any complaint', async () => {
    const [id] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.rudeReception })]);
    await settled(id);
    expect((await erase(stack.config.adminToken, id)).status).toBe(204);
    expect((await derivedRows(id)).complaint).toBe(0);
  });

  it('decides again the complaints that were duplicates of an erased one', async () => {
    const [original] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.dischargeMedication })]);
    await settled(original);
    const [copy] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.dischargeMedication })]);
    await settled(copy);
    expect((await stack.db.query('SELECT status, duplicate_of FROM complaint WHERE id = $1', [copy])).rows[0]).toEqual({ status: 'duplicate', duplicate_of: original });
    expect((await erase(trust, original)).status).toBe(204);
    await stack.waitFor(async () => {
      const { rows } = await stack.db.query('SELECT status, duplicate_of FROM complaint WHERE id = $1', [copy]);
      return rows[0].status === 'processed' && rows[0].duplicate_of === null;
    }, 'the former duplicate to be decided again as an original');
    const { rows } = await stack.db.query(`SELECT detail FROM audit_event WHERE action = 'complaint.erase' AND subject_id = $1`, [original]);
    expect(rows[0].detail.duplicatesRequeued).toEqual([copy]);
  });

  it('takes an erased complaint out of the learning rollup', async () => {
    const [id] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.benefitsDecision, serviceArea: 'Benefits' })]);
    await settled(id);
    await stack.waitForProcessingAndRollup();
    const counted = () => count('SELECT count(*)::int AS n FROM learning_counted WHERE complaint_id = $1', [id]);
    const themeTotal = () => count('SELECT coalesce(sum(count), 0)::int AS n FROM learning_day_org_theme WHERE organisation_id = $1', [council.id]);
    await stack.waitFor(async () => (await counted()) === 1, 'the complaint to be counted', 60_000);
    const before = await themeTotal();
    expect((await erase(council, id)).status).toBe(204);
    await stack.waitFor(async () => (await counted()) === 0 && (await themeTotal()) < before, 'the rollup to forget the erased complaint', 60_000);
  }, 240_000);

  it('POST /v1/erasure erases a person at the calling body only; the Ombudsman across bodies', async () => {
    const person = 'nhs:401 023 2137';
    const [atTrust] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.careHomeSafeguarding, complainantId: person })]);
    const [atCouncil] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.boilerRepair, complainantId: 'nhs:4010232137' })]);
    await settled(atTrust, atCouncil);
    const byTrust = await api.post('/v1/erasure', { token: trust.apiKey, body: { complainantId: person } });
    expect(byTrust.status).toBe(200);
    expect(byTrust.body).toEqual({ erased: 1, complaintIds: [atTrust], requeued: 0 });
    expect((await derivedRows(atTrust)).complaint).toBe(0);
    expect((await derivedRows(atCouncil)).complaint).toBe(1);

    const byOmbudsman = await api.post('/v1/erasure', { token: ombudsman.apiKey, body: { complainantId: person } });
    expect(byOmbudsman.body).toEqual({ erased: 1, complaintIds: [atCouncil], requeued: 0 });
    const { rows } = await stack.db.query(`SELECT subject_id, detail->>'via' AS via FROM audit_event WHERE action = 'complaint.erase' AND subject_id = ANY($1) ORDER BY id`, [[atTrust, atCouncil]]);
    expect(rows).toEqual([{ subject_id: atTrust, via: 'complainant' }, { subject_id: atCouncil, via: 'complainant' }]);
  });

  it('POST /v1/erasure refuses an id without a valid scheme, and a local id across bodies without organisationId', async () => {
    const bare = await api.post<Rejection>('/v1/erasure', { token: trust.apiKey, body: { complainantId: '4010232137' } });
    expect(bare.status).toBe(400);
    expect(bare.body.details).toEqual([expect.objectContaining({ field: 'complainantId' })]);
    const local = await api.post<Rejection>('/v1/erasure', { token: ombudsman.apiKey, body: { complainantId: 'local:1001' } });
    expect(local.status).toBe(400);
    expect(local.body.details).toEqual([expect.objectContaining({ field: 'organisationId' })]);
    const foreign = await api.post<Rejection>('/v1/erasure', { token: trust.apiKey, body: { complainantId: 'local:1001', organisationId: council.id } });
    expect(foreign.status).toBe(400);
  });

  it('lets a duplicate\'s original be deleted by hand (foreign keys have an ON DELETE)', async () => {
    const [original] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.careHomeSafeguarding, serviceArea: 'Adult social care' })]);
    await settled(original);
    const [copy] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.careHomeSafeguarding, serviceArea: 'Adult social care' })]);
    await settled(copy);
    await stack.db.query('DELETE FROM complaint WHERE id = $1', [original]);
    expect((await stack.db.query('SELECT duplicate_of FROM complaint WHERE id = $1', [copy])).rows[0].duplicate_of).toBeNull();
  });
});
