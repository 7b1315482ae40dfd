import { ApiClient } from './support/api-client';
import { TEXTS } from './support/complaint-texts';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface View {
  status: string;
  related: Array<{ id: string | null; rule: string; sameOrganisation: boolean }>;
}

interface Rejection {
  details: Array<{ field: string; message: string }>;
}

/** Same-complainant links are the Ombudsman's: a body must not learn that a person complained elsewhere. */
describe('complainant ids and same-complainant links (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let trust: CreatedOrganisation;
  let council: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;

  const post = (org: CreatedOrganisation, overrides: Record<string, unknown>) =>
    api.post<{ id: string } & Rejection>('/v1/complaints', { token: org.apiKey, body: complaintRecord(overrides) });
  const view = async (org: CreatedOrganisation, id: string) => (await api.get<View>(`/v1/complaints/${id}`, { token: org.apiKey })).body;
  const settled = (...ids: string[]) =>
    stack.waitFor(async () => {
      const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM complaint WHERE id = ANY($1) AND status IN ('processed', 'duplicate')`, [ids]);
      return rows[0].n === ids.length;
    }, 'complaints to be processed', 60_000);

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    trust = await createOrganisation(api, stack.config.adminToken, { name: 'Riverside NHS Trust', sector: 'health' });
    council = await createOrganisation(api, stack.config.adminToken, { name: 'Hilltop Council', sector: 'local-government' });
    ombudsman = await createOrganisation(api, stack.config.adminToken, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
  }, 240_000);

  afterAll(() => stack.stop());

  it('reveals nothing to a body probing with someone\'s NHS number; the Ombudsman still sees the link', async () => {
    const [genuine] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.careHomeSafeguarding, complainantId: 'nhs:943 476 5919' })]);
    await settled(genuine);
    const [probe] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.benefitsDecision, complainantId: 'nhs:9434765919' })]);
    await settled(probe);
    expect((await view(council, probe)).related).toEqual([]);
    expect((await view(ombudsman, probe)).related).toEqual([expect.objectContaining({ id: genuine, rule: 'same-complainant' })]);
    expect((await view(ombudsman, genuine)).related).toEqual([expect.objectContaining({ id: probe, rule: 'same-complainant' })]);
    // The link is not shown on the other side either: the trust learns nothing of the council's case.
    expect((await view(trust, genuine)).related).toEqual([]);
  });

  it('rejects an id without a valid scheme, naming the field, single and in a batch', async () => {
    const bare = await post(trust, { complainantId: '9434765919' });
    expect(bare.status).toBe(400);
    expect(bare.body.details).toEqual([expect.objectContaining({ field: 'complainantId', message: expect.stringContaining('scheme') })]);
    const batch = await api.post<{ accepted: unknown[]; rejected: Array<{ index: number; details: Rejection['details'] }> }>('/v1/complaints/batch', {
      token: trust.apiKey,
      body: { items: [complaintRecord({ complainantId: 'passport:123' }), complaintRecord({ complainantId: 'email:jo@example.org' })] },
    });
    expect(batch.status).toBe(202);
    expect(batch.body.accepted).toHaveLength(1);
    expect(batch.body.rejected).toEqual([{ index: 0, details: [expect.objectContaining({ field: 'complainantId' })] }]);
  });

  it('checks an NHS number\'s modulus-11 check digit', async () => {
    const wrong = await post(trust, { complainantId: 'nhs:943 476 5918' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'complainantId', message: expect.stringContaining('check digit') })]);
    expect((await post(trust, { complainantId: 'nhs:943-476-5919' })).status).toBe(202);
  });

  it('namespaces local ids by organisation: "1001" at two bodies is two people', async () => {
    const [atTrust] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.dischargeMedication, complainantId: 'local:1001' })]);
    const [atCouncil] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.boilerRepair, complainantId: 'local:1001' })]);
    await settled(atTrust, atCouncil);
    expect((await view(ombudsman, atCouncil)).related.filter((link) => link.rule === 'same-complainant')).toEqual([]);
    const { rows } = await stack.db.query('SELECT count(DISTINCT complainant_hash)::int AS n FROM complaint WHERE id = ANY($1)', [[atTrust, atCouncil]]);
    expect(rows[0].n).toBe(2);
  });
});
