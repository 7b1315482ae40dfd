import { ApiClient } from './support/api-client';
import { TEXTS } from './support/complaint-texts';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

const DAMP =
  'Black mould spread across the bedroom walls of the council flat for a year. The housing officer inspected twice but ' +
  'no treatment was booked, the repair ticket was closed without any work and the tenant’s asthma got worse.';
const RANGE = 'from=2026-09-01&to=2026-11-01';

interface AuditItem {
  action: string;
  actorKind: string;
  actorId: string | null;
  actorKeyId: string | null;
  subjectId: string;
  detail: Record<string, unknown>;
}

describe('manual merges: who may, and on what grounds (real PostgreSQL, Redis, ingest and worker)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let council: CreatedOrganisation;
  let neighbour: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;
  const admin = () => stack.config.adminToken;
  const housingRepair = (summary: string) => complaintRecord({ summary, serviceArea: 'Housing repairs' });
  const merge = (org: CreatedOrganisation, id: string, body: Record<string, unknown>) => api.post<Record<string, unknown>>(`/v1/complaints/${id}/merge`, { token: org.apiKey, body });
  const housingCount = async () => {
    await stack.waitForProcessingAndRollup();
    const answer = await api.get<{ rows: Array<{ theme: string; count: number }> }>(`/v1/learning/themes?${RANGE}&organisationId=${council.id}`, { token: ombudsman.apiKey });
    return answer.body.rows.find((row) => row.theme === 'housing')?.count ?? 0;
  };
  const keyIdOf = async (org: CreatedOrganisation) => (await api.get<Array<{ id: string }>>(`/v1/organisations/${org.id}/api-keys`, { token: admin() })).body[0].id;

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    council = await createOrganisation(api, admin(), { name: 'Hilltop Council', sector: 'local-government' });
    neighbour = await createOrganisation(api, admin(), { name: 'Valley Council', sector: 'local-government' });
    ombudsman = await createOrganisation(api, admin(), { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
  });

  afterAll(() => stack.stop());

  it('keeps the Ombudsman read-only and a body to its own complaints', async () => {
    const [a, b] = await submitComplaints(api, council.apiKey, [housingRepair(TEXTS.careHomeSafeguarding), housingRepair(TEXTS.benefitsDecision)]);
    const [theirs] = await submitComplaints(api, neighbour.apiKey, [housingRepair(TEXTS.careHomeSafeguarding)]);
    await stack.waitForProcessingAndRollup();
    const refused = await merge(ombudsman, b, { into: a, reason: 'The Ombudsman thinks these are one case' });
    expect(refused.status).toBe(403);
    expect((await api.post(`/v1/complaints/${b}/unmerge`, { token: ombudsman.apiKey })).status).toBe(403);
    expect((await merge(neighbour, b, { into: a, reason: 'Not ours but let us try anyway' })).status).toBe(404);
    expect((await merge(neighbour, theirs, { into: a, reason: 'Same care home, merge across bodies' })).status).toBe(404);
    expect((await api.get<{ status: string }>(`/v1/complaints/${b}`, { token: council.apiKey })).body.status).toBe('processed');
  });

  it('needs a reason below the similarity floor, audits it, and still counts the pair once', async () => {
    const [a, b] = await submitComplaints(api, council.apiKey, [housingRepair(TEXTS.boilerRepair), housingRepair(DAMP)]);
    const before = await housingCount();
    expect(before).toBe(2);

    const unexplained = await merge(council, b, { into: a });
    expect(unexplained.status).toBe(400);
    expect(unexplained.body).toMatchObject({ details: [expect.objectContaining({ field: 'reason' })] });

    const reason = 'Same tenant: the damp report was logged again under the boiler case';
    const merged = await merge(council, b, { into: a, reason });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'duplicate', duplicateOf: a });
    expect(merged.body.similarity).toBeLessThan(0.5);
    expect(await housingCount()).toBe(before - 1);

    // Visible to the Ombudsman in the complaint, and to the operator in the audit trail.
    const seen = await api.get<{ status: string; dedupReason: Record<string, unknown> }>(`/v1/complaints/${b}`, { token: ombudsman.apiKey });
    expect(seen.body).toMatchObject({ status: 'duplicate', dedupReason: { rule: 'manual', by: 'organisation', matched: a, justified: 'reason' } });
    const audit = await api.get<{ items: AuditItem[] }>(`/v1/audit?action=dedup.merge&organisationId=${council.id}`, { token: admin() });
    expect(audit.body.items[0]).toMatchObject({ actorKind: 'organisation', actorId: council.id, actorKeyId: await keyIdOf(council), subjectId: b, detail: { into: a, reason } });
    expect((await api.get('/v1/audit', { token: ombudsman.apiKey })).status).toBe(403);
    expect((await api.get('/v1/audit', { token: council.apiKey })).status).toBe(403);
  });

  it('merges a close copy without a reason, and audits an unmerge', async () => {
    const [a, b] = await submitComplaints(api, council.apiKey, [
      housingRepair(TEXTS.dischargeMedication),
      housingRepair(`${TEXTS.dischargeMedication.replace('four days', 'five days').replace('late at night', 'at night')} The family complained twice.`),
    ]);
    await stack.waitForProcessingAndRollup();
    const merged = await merge(council, b, { into: a });
    expect(merged.status).toBe(200);
    expect(merged.body.similarity).toBeGreaterThanOrEqual(0.5);
    expect((await api.post(`/v1/complaints/${b}/unmerge`, { token: council.apiKey })).status).toBe(202);
    const audit = await api.get<{ items: AuditItem[] }>(`/v1/audit?organisationId=${council.id}&limit=2`, { token: admin() });
    expect(audit.body.items.map((e) => e.action)).toEqual(['dedup.unmerge', 'dedup.merge']);
    expect(audit.body.items[0]).toMatchObject({ subjectId: b, detail: { from: a } });
  });
});
