import { ApiClient } from './support/api-client';
import { TEXTS } from './support/complaint-texts';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface Exported {
  organisationId: string | null;
  complaints: Array<{
    id: string;
    organisationId: string;
    rawText: { summary: string | null; learning: string | null } | null;
    redactedText: { summary: string | null; learning: string | null };
    classification: { themes: unknown[] } | null;
    links: Array<{ relatedId: string | null; rule: string; sameOrganisation: boolean }>;
    deliveries: Array<{ organisationId: string; mode: string }>;
  }>;
}

/** UK GDPR art. 15: what is held about one person, as JSON, for what the caller may see. */
describe('subject access (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let trust: CreatedOrganisation;
  let council: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;
  const person = 'nhs:555 666 7772';
  let atTrust: string;
  let atCouncil: string;

  const exportFor = (org: CreatedOrganisation, complainantId: string) =>
    api.get<Exported>(`/v1/subject-access?complainantId=${encodeURIComponent(complainantId)}`, { token: org.apiKey });

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    trust = await createOrganisation(api, admin, { name: 'Riverside NHS Trust', sector: 'health' });
    council = await createOrganisation(api, admin, { name: 'Hilltop Council', sector: 'local-government' });
    ombudsman = await createOrganisation(api, admin, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
    await createContact(api, admin, trust.id, { name: 'Lead', email: 'lead@trust.example', digest: 'weekly' });
    [atTrust] = await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.maternityScan, complainantId: person })]);
    [atCouncil] = await submitComplaints(api, council.apiKey, [complaintRecord({ summary: TEXTS.boilerRepair, complainantId: 'nhs:5556667772' })]);
    await submitComplaints(api, trust.apiKey, [complaintRecord({ summary: TEXTS.rudeReception, complainantId: 'nhs:943 476 5919' })]);
    await stack.waitFor(async () => (await stack.statusCounts()).processed === 3, 'three complaints processed', 90_000);
  }, 240_000);

  afterAll(() => stack.stop());

  it('exports the calling body\'s complaints of that person: raw and redacted text, classification, deliveries', async () => {
    const response = await exportFor(trust, person);
    expect(response.status).toBe(200);
    expect(response.body.organisationId).toBe(trust.id);
    expect(response.body.complaints.map((c) => c.id)).toEqual([atTrust]);
    const [complaint] = response.body.complaints;
    expect(complaint.rawText?.summary).toBe(TEXTS.maternityScan);
    expect(complaint.redactedText.summary).toEqual(expect.any(String));
    expect(complaint.redactedText.summary).not.toContain('07700 900123');
    expect(complaint.classification?.themes.length).toBeGreaterThan(0);
    expect(complaint.deliveries).toEqual(expect.arrayContaining([expect.objectContaining({ organisationId: trust.id, mode: 'digest' })]));
    // The same person's case at the council is not revealed to the trust.
    expect(complaint.links.filter((link) => link.rule === 'same-complainant')).toEqual([]);
  });

  it('gives the Ombudsman every body\'s complaints of that person, with the links between them', async () => {
    const response = await exportFor(ombudsman, person);
    expect(response.status).toBe(200);
    expect(response.body.organisationId).toBeNull();
    expect(response.body.complaints.map((c) => c.id).sort()).toEqual([atTrust, atCouncil].sort());
    const trustCase = response.body.complaints.find((c) => c.id === atTrust);
    expect(trustCase?.links).toEqual([expect.objectContaining({ relatedId: atCouncil, rule: 'same-complainant', sameOrganisation: false })]);
  });

  it('includes a person\'s correction of the labels, with the model\'s labels it replaced', async () => {
    const put = await api.request('PUT', `/v1/complaints/${atTrust}/review`, {
      token: trust.apiKey,
      body: { themes: ['communication', 'delay'], severity: 'medium', note: 'Scan letters were the real issue' },
    });
    expect(put.status).toBeLessThan(300);
    const response = await exportFor(trust, person);
    const [complaint] = (response.body as unknown as { complaints: Array<{ review: Record<string, unknown> | null }> }).complaints;
    expect(complaint.review).toEqual(
      expect.objectContaining({ reviewerOrganisationId: trust.id, themes: ['communication', 'delay'], severity: 'medium', note: 'Scan letters were the real issue' }),
    );
    expect(complaint.review?.modelThemes).toEqual(expect.any(Array));
  });

  it('documents erasure and subject access in OpenAPI', async () => {
    const { body } = await api.get<{ paths: Record<string, Record<string, unknown>> }>('/docs/openapi.json');
    expect(Object.keys(body.paths['/v1/subject-access'] ?? {})).toContain('get');
    expect(Object.keys(body.paths['/v1/erasure'] ?? {})).toContain('post');
    expect(Object.keys(body.paths['/v1/complaints/{id}'] ?? {})).toContain('delete');
  });

  it('answers an empty export for a person not held, and 400 for an id without a valid scheme', async () => {
    expect((await exportFor(council, 'email:nobody@example.org')).body.complaints).toEqual([]);
    const bad = await exportFor(trust, '5556667772');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ details: [expect.objectContaining({ field: 'complainantId' })] });
  });
});
