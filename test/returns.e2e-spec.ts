import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { ROOF_TEXT, SECOND_SERIOUS_TEXT, SERIOUS_TEXT, TEXTS } from './support/complaint-texts';
import { TestStack } from './support/test-stack';

interface Ko41aAnswer {
  financialYear: string;
  dataAsOf: string;
  returns: Array<{
    organisation: { id: string; name: string };
    totalNewComplaints: number;
    outcomes: Record<string, number>;
    serviceAreas: Array<{ serviceArea: string; count: number }>;
    subjects: Array<{ code: string; count: number }>;
    subjectTotal: number;
    arrivedAfterPeriod: number;
    dataAsOf: string;
  }>;
}

/**
 * A hand-made financial year (2025-26: 1 April 2025 – 31 March 2026, London days of receipt)
 * whose KO41a return was worked out by hand. Themes are set directly (standing in for the
 * classifier) so the expected return does not depend on its wording.
 */
const YEAR: Array<{ receivedAt: string; serviceArea: string; themes: string[]; outcome: string; summary: string }> = [
  // 23:30 UTC on 31 March 2025 is 00:30 on 1 April in London (BST): in the year.
  { receivedAt: '2025-03-31T23:30:00Z', serviceArea: 'Maternity', themes: ['clinical-care', 'diagnosis', 'communication'], outcome: 'upheld', summary: TEXTS.maternityScan },
  { receivedAt: '2025-06-10T10:00:00Z', serviceArea: 'MATERNITY', themes: ['medication'], outcome: 'partly-upheld', summary: TEXTS.dischargeMedication },
  { receivedAt: '2025-09-01T10:00:00Z', serviceArea: 'A&E', themes: ['housing', 'safeguarding'], outcome: 'not-upheld', summary: TEXTS.careHomeSafeguarding },
  { receivedAt: '2025-12-01T10:00:00Z', serviceArea: 'A&E', themes: [], outcome: 'resolved', summary: TEXTS.rudeReception },
  { receivedAt: '2026-01-15T10:00:00Z', serviceArea: 'Outpatients', themes: ['delay', 'staff-attitude', 'communication'], outcome: 'withdrawn', summary: SERIOUS_TEXT },
  // 22:30 UTC on 31 March 2026 is 23:30 in London: still in the year.
  { receivedAt: '2026-03-31T22:30:00Z', serviceArea: 'Outpatients', themes: ['discharge-transfer', 'social-care'], outcome: 'open', summary: SECOND_SERIOUS_TEXT },
  // Outside the year, each by under an hour in London time.
  { receivedAt: '2026-03-31T23:30:00Z', serviceArea: 'Outpatients', themes: ['communication'], outcome: 'upheld', summary: TEXTS.benefitsDecision },
  { receivedAt: '2025-03-31T22:30:00Z', serviceArea: 'Maternity', themes: ['communication'], outcome: 'upheld', summary: TEXTS.boilerRepair },
];

describe('official returns: KO41a counting rules and CSV safety (real PostgreSQL and Redis)', () => {
  let stack: TestStack;
  let api: ApiClient;
  let ombudsman: CreatedOrganisation;
  let riverside: CreatedOrganisation;
  let hostile: CreatedOrganisation;

  /** Submits one item of the year and notes its themes under its complaint id. */
  const post = async (org: CreatedOrganisation, item: (typeof YEAR)[number]): Promise<string> => {
    const { themes, ...fields } = item;
    const [id] = await submitComplaints(api, org.apiKey, [complaintRecord({ ...fields, closedAt: undefined, remedies: [] })]);
    ids.set(id, themes);
    return id;
  };
  const ids = new Map<string, string[]>();

  beforeAll(async () => {
    stack = new TestStack({ env: { LEARNING_REFRESH_INTERVAL_MS: '300' } });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    ombudsman = await createOrganisation(api, admin, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
    riverside = await createOrganisation(api, admin, { name: 'Riverside NHS Trust', sector: 'health' });
    hostile = await createOrganisation(api, admin, { name: '=HYPERLINK("http://evil.example","x")', sector: 'health' });
    for (const item of YEAR) await post(riverside, item);
    await post(hostile, { receivedAt: '2025-07-01T10:00:00Z', serviceArea: '+SUM(1,2)', themes: ['medication'], outcome: 'upheld', summary: ROOF_TEXT });
    await stack.waitForProcessingAndRollup();
    for (const [id, themes] of ids) await stack.db.query('UPDATE complaint SET themes = $2 WHERE id = $1', [id, themes]);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('gives the hand-worked KO41a return: once in the total, once under every subject it touches', async () => {
    const answer = await api.get<Ko41aAnswer>('/v1/returns/ko41a?year=2025', { token: riverside.apiKey });
    expect(answer.status).toBe(200);
    expect(answer.body.financialYear).toBe('2025-26');
    expect(answer.body.returns).toHaveLength(1);
    const [r] = answer.body.returns;
    expect(r.organisation.id).toBe(riverside.id);
    expect(r.totalNewComplaints).toBe(6);
    expect(r.outcomes).toEqual({ upheld: 1, partiallyUpheld: 1, notUpheld: 1, resolvedWithFinding: 3, resolvedWithoutFinding: 1, withdrawn: 1, open: 1 });
    expect(r.serviceAreas).toEqual([
      { serviceArea: 'A&E', count: 2 },
      { serviceArea: 'Maternity', count: 2 },
      { serviceArea: 'Outpatients', count: 2 },
    ]);
    expect(Object.fromEntries(r.subjects.filter((s) => s.count > 0).map((s) => [s.code, s.count]))).toEqual({
      'admissions-discharges': 1,
      'clinical-treatment': 1,
      communications: 2,
      'integrated-care': 1,
      other: 2,
      prescribing: 1,
      'values-behaviours': 1,
      'waiting-times': 1,
    });
    expect(r.subjectTotal).toBe(10);
    // Every one reached this service after 31 March 2026.
    expect(r.arrivedAfterPeriod).toBe(6);
    expect(Number.isNaN(Date.parse(r.dataAsOf))).toBe(false);
  });

  it('answers CSV by Accept header or ?format=csv, and keeps bodies to their own', async () => {
    const byAccept = await fetch(`${stack.baseUrl}/v1/returns/ko41a?year=2025`, { headers: { authorization: `Bearer ${riverside.apiKey}`, accept: 'text/csv' } });
    expect(byAccept.status).toBe(200);
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await byAccept.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('organisation_id,organisation_name,financial_year,section,code,item,count');
    expect(lines).toContain(`${riverside.id},Riverside NHS Trust,2025-26,summary,total-new,Total new complaints,6`);
    expect(lines).toContain(`${riverside.id},Riverside NHS Trust,2025-26,subject,communications,Communications,2`);
    expect(lines).toContain(`${riverside.id},Riverside NHS Trust,2025-26,subject,total,Total by subject (a complaint counts under each subject it touches),10`);
    const byFormat = await api.get<string>('/v1/returns/ko41a?year=2025&format=csv', { token: riverside.apiKey });
    expect(byFormat.body).toBe(text);
    expect((await api.get(`/v1/returns/ko41a?year=2025&organisationId=${riverside.id}`, { token: hostile.apiKey })).status).toBe(404);
    const bad = await api.get<{ details: Array<{ field: string }> }>('/v1/returns/ko41a?year=last&colour=red', { token: riverside.apiKey });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field).sort()).toEqual(['colour', 'year']);
  });

  it('gives the Ombudsman every body in one CSV, with formula-like cells neutralised', async () => {
    const answer = await api.get<string>('/v1/returns/ko41a?year=2025&format=csv', { token: ombudsman.apiKey });
    expect(answer.status).toBe(200);
    const lines = answer.body.split('\r\n');
    expect(lines.filter((l) => l.includes(',summary,total-new,'))).toHaveLength(2);
    expect(lines).toContain(`${hostile.id},"'=HYPERLINK(""http://evil.example"",""x"")",2025-26,service-area,,"'+SUM(1,2)",1`);
    // No cell anywhere starts a formula.
    for (const line of lines.filter(Boolean)) {
      for (const cell of line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('serves the annual report as accessible HTML', async () => {
    const page = await api.get<string>('/v1/reports/annual?year=2025', { token: riverside.apiKey });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('<h1>Riverside NHS Trust: annual complaints report 2025-26</h1>');
    expect(page.body).toContain('<caption>Complaints received in the year</caption>');
    expect(page.body).toMatch(/<th scope="row">Complaints received<\/th><td class="num">6<\/td>/);
    expect((await api.get('/v1/reports/annual?year=2025', { token: ombudsman.apiKey })).status).toBe(400);
  });
});
