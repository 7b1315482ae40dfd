import { Queue } from 'bullmq';
import { JobName, QueueName, redisOptionsFromUrl } from '@app/contracts';
import { ApiClient } from './support/api-client';
import { ROOF_TEXT, SECOND_SERIOUS_TEXT, SERIOUS_TEXT, TEXTS } from './support/complaint-texts';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface View {
  id: string;
  status: string;
  duplicateOf: string | null;
  dedupReason: { rule: string; similarity: number } | null;
  related: Array<{ id: string | null; rule: string; sameOrganisation: boolean }>;
  routedTo: Array<{ organisationId: string; mode: string; shared: boolean; contacts: number }>;
}

describe('deduplication and routing (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let trust: CreatedOrganisation;
  let practice: CreatedOrganisation;
  let council: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;

  const view = async (org: CreatedOrganisation, id: string) => (await api.get<View>(`/v1/complaints/${id}`, { token: org.apiKey })).body;
  const settled = (...ids: string[]) =>
    stack.waitFor(async () => {
      const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM complaint WHERE id = ANY($1) AND status IN ('processed', 'duplicate')`, [ids]);
      return rows[0].n === ids.length;
    }, `complaints ${ids.join(', ')} to be processed`);

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    trust = await createOrganisation(api, admin, { name: 'Riverside NHS Trust', sector: 'health' });
    practice = await createOrganisation(api, admin, { name: 'Meadow GP Practice', sector: 'health' });
    council = await createOrganisation(api, admin, { name: 'Hilltop Council', sector: 'local-government' });
    ombudsman = await createOrganisation(api, admin, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
    await createContact(api, admin, trust.id, { name: 'Maternity manager', email: 'maternity@trust.example', serviceAreas: ['Maternity'], digest: 'weekly' });
    await createContact(api, admin, practice.id, { name: 'Practice manager', email: 'pm@practice.example', themes: ['communication', 'clinical-care'], digest: 'weekly' });
    await createContact(api, admin, council.id, { name: 'Housing lead', email: 'housing@council.example', themes: ['housing'], digest: 'weekly' });
    await createContact(api, admin, ombudsman.id, { name: 'Casework', email: 'casework@ombudsman.example', digest: 'weekly' });
  });

  afterAll(() => stack.stop());

  it('marks an exact copy under another reference as a duplicate, excluded from routing', async () => {
    const [original] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.maternityScan })]);
    await settled(original);
    const [copy] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: `  ${TEXTS.maternityScan.replace(/,/g, ' ;').replace(/\. /g, '!\n')}` })]);
    await settled(copy);
    const answer = await view(trust, copy);
    expect(answer).toMatchObject({ status: 'duplicate', duplicateOf: original, dedupReason: { rule: 'exact', similarity: 1 } });
    expect(answer.routedTo).toEqual([]);
    expect((await view(trust, original)).routedTo.length).toBeGreaterThan(0);
  });

  it('marks a lightly edited copy as a near duplicate with its similarity', async () => {
    const [original] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.dischargeMedication })]);
    await settled(original);
    const edited = TEXTS.dischargeMedication.replace('late at night', 'in the evening');
    const [near] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: edited, receivedAt: '2026-10-03T10:00:00Z' })]);
    await settled(near);
    const answer = await view(trust, near);
    expect(answer).toMatchObject({ status: 'duplicate', duplicateOf: original, dedupReason: { rule: 'near' } });
    expect(answer.dedupReason?.similarity).toBeGreaterThanOrEqual(stack.config.dedupNearThreshold);
    expect(answer.dedupReason?.similarity).toBeLessThan(1);
  });

  it('keeps a different complaint on the same theme as an original', async () => {
    const [first] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.boilerRepair, serviceArea: 'Housing repairs' })]);
    const [second] = await submitComplaints(api, council.apiKey, [
      complaintRecord({
        summary:
          'Damp and black mould in the bedroom of a council flat were reported six times over two years. Surveyors visited but ' +
          'no treatment was arranged and the tenant’s asthma worsened. Housing officers closed the repair tickets without telling her.',
        serviceArea: 'Housing repairs',
      }),
    ]);
    await settled(first, second);
    expect((await view(council, second)).status).toBe('processed');
  });

  it('links the same case raised with two bodies as related on both sides, not duplicate', async () => {
    const [atPractice] = await submitComplaints(api, practice.apiKey, [complaintRecord({ summary: TEXTS.rudeReception })]);
    await settled(atPractice);
    const [atTrust] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.rudeReception.replace('surgery', 'clinic') })]);
    await settled(atTrust);
    const trustView = await view(trust, atTrust);
    expect(trustView.status).toBe('processed');
    expect(trustView.related).toEqual([expect.objectContaining({ rule: 'cross-body', sameOrganisation: false, id: null })]);
    expect((await view(practice, atPractice)).related).toEqual([expect.objectContaining({ rule: 'cross-body', id: null })]);
    // The Ombudsman may see both cases.
    expect((await view(ombudsman, atTrust)).related).toEqual([expect.objectContaining({ id: atPractice })]);
  });

  it('links cases of the same complainant across bodies by keyed hash', async () => {
    const [a] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.benefitsDecision, complainantId: 'nhs:943 476 5919' })]);
    const [b] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.careHomeSafeguarding, complainantId: 'nhs:9434765919' })]);
    await settled(a, b);
    expect((await view(ombudsman, b)).related).toEqual([expect.objectContaining({ id: a, rule: 'same-complainant' })]);
    const { rows } = await stack.db.query('SELECT complainant_hash FROM complaint WHERE id = ANY($1)', [[a, b]]);
    expect(new Set(rows.map((r) => r.complainant_hash)).size).toBe(1);
  });

  it('is idempotent when the same job runs twice: no second row, no second delivery', async () => {
    const [id] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: SERIOUS_TEXT, serviceArea: 'Maternity' })]);
    await settled(id);
    const deliveries = async () => (await stack.db.query('SELECT count(*)::int AS n FROM delivery WHERE complaint_id = $1', [id])).rows[0].n;
    const bandRows = async () => (await stack.db.query('SELECT count(*)::int AS n FROM complaint_band WHERE complaint_id = $1', [id])).rows[0].n;
    const before = { deliveries: await deliveries(), bands: await bandRows() };
    expect(before.deliveries).toBeGreaterThan(0);
    // As if the worker had written everything but died before its status write was seen: the
    // replay must run the whole pipeline again and meet the unique keys of every derived row.
    const { rows: [first] } = await stack.db.query<{ at: Date }>(`UPDATE complaint SET status = 'received' WHERE id = $1 RETURNING processed_at AS at`, [id]);
    const queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
    const job = await queue.add(JobName.ProcessComplaint, { complaintId: id, version: 1 }, { jobId: `replay-${id}` });
    await stack.waitFor(async () => (await job.isCompleted()) || undefined, 'the replayed job');
    await queue.close();
    const { rows: [after] } = await stack.db.query<{ status: string; at: Date }>('SELECT status, processed_at AS at FROM complaint WHERE id = $1', [id]);
    // The replay reached the writes (a skipped job would leave processed_at as it was)…
    expect(after.status).toBe('processed');
    expect(after.at.getTime()).toBeGreaterThan(first.at.getTime());
    // …and they added nothing: no second delivery, no second band row.
    expect({ deliveries: await deliveries(), bands: await bandRows() }).toEqual(before);
  });

  it('sends serious complaints at once to the Ombudsman and the submitting body', async () => {
    const [id] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: SECOND_SERIOUS_TEXT, serviceArea: 'Maternity' })]);
    await settled(id);
    const routed = (await view(trust, id)).routedTo;
    expect(routed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organisationId: ombudsman.id, mode: 'immediate' }),
        expect.objectContaining({ organisationId: trust.id, mode: 'immediate' }),
        expect.objectContaining({ organisationId: trust.id, mode: 'digest' }),
      ]),
    );
  });

  it('routes by rules created through the API, and stops when the rule is deleted', async () => {
    const created = await api.post<{ id: string }>('/v1/routing-rules', {
      token: stack.config.adminToken,
      body: { name: 'Housing learning to the trust', match: { themes: ['housing'] }, target: { kind: 'organisations', organisationIds: [trust.id] }, mode: 'digest' },
    });
    expect(created.status).toBe(201);
    const bad = await api.post<{ details: Array<{ field: string }> }>('/v1/routing-rules', {
      token: stack.config.adminToken,
      body: { name: 'x', target: { kind: 'everyone' }, mode: 'soon' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toEqual(expect.arrayContaining(['target.kind', 'mode']));
    expect((await api.get('/v1/routing-rules', { token: trust.apiKey })).status).toBe(403);

    const [routedId] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: ROOF_TEXT })]);
    await settled(routedId);
    expect((await view(council, routedId)).routedTo).toEqual(
      expect.arrayContaining([expect.objectContaining({ organisationId: trust.id, mode: 'digest', shared: true })]),
    );

    expect((await api.request('DELETE', `/v1/routing-rules/${created.body.id}`, { token: stack.config.adminToken })).status).toBe(204);
    const [later] = await submitComplaints(api, council.apiKey, [
      complaintRecord({
        summary: 'Homeless family placed in bed and breakfast accommodation for fourteen weeks, far beyond the six week legal limit, with no cooking facilities.',
      }),
    ]);
    await settled(later);
    expect((await view(council, later)).routedTo.some((r) => r.organisationId === trust.id)).toBe(false);
  });

  it('lets a person unmerge a wrong duplicate, and the decision survives reprocessing', async () => {
    const [original] = await submitComplaints(api, practice.apiKey, [complaintRecord({ summary: TEXTS.careHomeSafeguarding })]);
    await settled(original);
    const [wrong] = await submitComplaints(api, practice.apiKey, [complaintRecord({ summary: TEXTS.careHomeSafeguarding.replace('three occasions', 'four occasions') })]);
    await settled(wrong);
    expect((await view(practice, wrong)).status).toBe('duplicate');
    expect((await api.post(`/v1/complaints/${wrong}/unmerge`, { token: council.apiKey })).status).toBe(404);
    expect((await api.post(`/v1/complaints/${wrong}/unmerge`, { token: practice.apiKey })).status).toBe(202);
    await settled(wrong);
    expect((await view(practice, wrong)).status).toBe('processed');

    await stack.db.query(`UPDATE complaint SET status = 'received', status_changed_at = now() - interval '1 hour' WHERE id = $1`, [wrong]);
    await settled(wrong);
    expect((await view(practice, wrong)).status).toBe('processed');
  });

  it('lets a person merge by hand, and the decision survives reprocessing', async () => {
    const [a] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: 'Planning permission for the extension next door was granted without the neighbour consultation the council’s own policy requires.' })]);
    const [b] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: 'The neighbours were never consulted about the extension, which breaches the council policy on planning applications.' })]);
    await settled(a, b);
    expect((await view(council, b)).status).toBe('processed');
    const merged = await api.post<{ status: string; duplicateOf: string }>(`/v1/complaints/${b}/merge`, {
      token: council.apiKey,
      // Two different write-ups of one case: too dissimilar to merge without saying why.
      body: { into: a, reason: 'The same planning complaint written up twice by different officers' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'duplicate', duplicateOf: a });
    await stack.db.query(`UPDATE complaint SET status = 'received', status_changed_at = now() - interval '1 hour' WHERE id = $1`, [b]);
    await settled(b);
    expect(await view(council, b)).toMatchObject({ status: 'duplicate', duplicateOf: a, dedupReason: { rule: 'manual' } });
  });
});
