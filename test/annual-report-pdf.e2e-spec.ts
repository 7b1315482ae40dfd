import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REMEDY_LABELS, themeLabel } from '@app/domain/digest';
import type { AnnualReport } from '@app/domain/reports';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { SECOND_SERIOUS_TEXT, SERIOUS_TEXT, TEXTS } from './support/complaint-texts';
import { HOUSING_TEXTS, SAFEGUARDING_TEXTS } from './support/late-complaint-texts';
import { TestStack } from './support/test-stack';

type Item = { receivedAt: string; closedAt?: string; themes: string[]; outcome: string; remedies: string[]; summary: string };

/** Riverside's 2025-26 (by London day of receipt); themes set directly so the figures do not depend on the classifier. */
const RIVERSIDE: Item[] = [
  { receivedAt: '2025-04-03T10:00:00Z', closedAt: '2025-04-20T10:00:00Z', themes: ['clinical-care', 'communication'], outcome: 'upheld', remedies: ['apology', 'staff-training'], summary: TEXTS.maternityScan },
  { receivedAt: '2025-05-12T10:00:00Z', closedAt: '2025-06-30T10:00:00Z', themes: ['medication', 'discharge-transfer'], outcome: 'partly-upheld', remedies: ['apology', 'policy-change'], summary: TEXTS.dischargeMedication },
  { receivedAt: '2025-06-02T10:00:00Z', closedAt: '2025-06-12T10:00:00Z', themes: ['staff-attitude'], outcome: 'not-upheld', remedies: ['explanation'], summary: TEXTS.rudeReception },
  { receivedAt: '2025-07-21T10:00:00Z', closedAt: '2025-09-01T10:00:00Z', themes: ['safeguarding', 'complaint-handling'], outcome: 'upheld', remedies: ['apology', 'service-change'], summary: TEXTS.careHomeSafeguarding },
  { receivedAt: '2025-08-14T10:00:00Z', closedAt: '2025-11-14T10:00:00Z', themes: ['clinical-care', 'diagnosis'], outcome: 'upheld', remedies: ['apology', 'financial', 'service-change'], summary: SERIOUS_TEXT },
  { receivedAt: '2025-09-09T10:00:00Z', closedAt: '2025-10-01T10:00:00Z', themes: ['clinical-care', 'communication'], outcome: 'partly-upheld', remedies: ['staff-training'], summary: SECOND_SERIOUS_TEXT },
  { receivedAt: '2025-10-20T10:00:00Z', closedAt: '2025-10-27T10:00:00Z', themes: ['communication'], outcome: 'resolved', remedies: ['explanation'], summary: TEXTS.benefitsDecision },
  { receivedAt: '2025-11-03T10:00:00Z', themes: ['delay'], outcome: 'withdrawn', remedies: [], summary: TEXTS.boilerRepair },
  { receivedAt: '2026-01-19T10:00:00Z', closedAt: '2026-02-02T10:00:00Z', themes: ['safeguarding'], outcome: 'not-upheld', remedies: [], summary: SAFEGUARDING_TEXTS[0] },
  { receivedAt: '2026-02-23T10:00:00Z', themes: ['communication', 'delay'], outcome: 'open', remedies: [], summary: SAFEGUARDING_TEXTS[1] },
  { receivedAt: '2026-03-16T10:00:00Z', closedAt: '2026-03-30T10:00:00Z', themes: ['dignity-privacy'], outcome: 'upheld', remedies: ['apology'], summary: SAFEGUARDING_TEXTS[2] },
];

/** A second health body, so themes have a sector median to be compared with. */
const HILLSIDE: Item[] = HOUSING_TEXTS.slice(0, 4).map((summary, i) => ({
  receivedAt: `2025-0${5 + i}-10T10:00:00Z`,
  closedAt: `2025-0${5 + i}-25T10:00:00Z`,
  themes: i % 2 === 0 ? ['communication', 'clinical-care'] : ['delay'],
  outcome: 'upheld',
  remedies: ['apology'],
  summary,
}));

const num = (n: number): string => n.toLocaleString('en-GB');

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What follows `label` on its table row, spaces collapsed (pdftotext -layout keeps a table row on one line). */
function row(text: string, label: string): string {
  // A table row: the label, then a gap of columns (a caption or a heading has no gap after it).
  const line = text.split('\n').find((l) => new RegExp(`^\\s*${escape(label)}\\s{2,}\\S`).test(l));
  if (!line) throw new Error(`no row for "${label}" in the PDF text:\n${text}`);
  return line.trim().slice(label.length).trim().replace(/\s+/g, ' ');
}

describe('annual report as PDF: same figures as its JSON (real stack, headless Chromium)', () => {
  let stack: TestStack;
  let api: ApiClient;
  let riverside: CreatedOrganisation;
  let work: string;

  /** Submits the items in order and notes each one's themes under its complaint id. */
  const post = async (org: CreatedOrganisation, items: Item[]): Promise<void> => {
    const complaintIds = await submitComplaints(api, org.apiKey, items.map(({ themes: _themes, ...fields }) => complaintRecord({ serviceArea: 'Maternity', ...fields })));
    complaintIds.forEach((id, i) => themesById.set(id, items[i].themes));
  };
  const themesById = new Map<string, string[]>();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'annual-pdf-'));
    stack = new TestStack({ env: { LEARNING_REFRESH_INTERVAL_MS: '300' } });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    riverside = await createOrganisation(api, admin, { name: 'Riverside NHS Trust', sector: 'health' });
    const hillside = await createOrganisation(api, admin, { name: 'Hillside Community Health', sector: 'health' });
    await post(riverside, RIVERSIDE);
    await post(hillside, HILLSIDE);
    await stack.waitForProcessingAndRollup();
    for (const [id, themes] of themesById) await stack.db.query('UPDATE complaint SET themes = $2 WHERE id = $1', [id, themes]);
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('prints the report to PDF whose tables hold the JSON form’s figures', async () => {
    const json = await api.get<AnnualReport>('/v1/reports/annual?year=2025&format=json', { token: riverside.apiKey });
    expect(json.status).toBe(200);
    const report = json.body;
    expect(report.complaints).toBe(RIVERSIDE.length);
    expect(report.sectorBodies).toBe(2);

    const response = await fetch(`${stack.baseUrl}/v1/reports/annual?year=2025&format=pdf`, { headers: { authorization: `Bearer ${riverside.apiKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(work, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

    // The heading may wrap over two lines.
    expect(text.replace(/\s+/g, ' ')).toContain('Riverside NHS Trust: annual complaints report 2025-26');
    expect(row(text, 'Complaints received')).toBe(num(report.complaints));
    expect(row(text, 'Decided (not open or withdrawn)')).toBe(num(report.decided));
    expect(row(text, 'Upheld or partly upheld')).toBe(num(report.upheld));
    expect(row(text, 'Upheld rate (of decided)')).toBe(`${Math.round((report.upheldRate ?? 0) * 100)}%`);
    expect(row(text, 'Withdrawn')).toBe(num(report.withdrawn));
    expect(row(text, 'Still open')).toBe(num(report.open));
    expect(report.themes.length).toBeGreaterThan(5);
    for (const theme of report.themes) {
      const median = theme.sectorMedianPer1000 === null ? 'not available' : theme.sectorMedianPer1000.toFixed(1);
      // Count, rate and median, then the comparison in words (it may wrap onto the next line).
      expect(row(text, themeLabel(theme.theme))).toMatch(new RegExp(`^${escape(`${num(theme.count)} ${theme.ratePer1000.toFixed(1)} ${median}`)}( |$)`));
    }
    for (const remedy of report.remedies) expect(row(text, REMEDY_LABELS[remedy.remedy])).toBe(num(remedy.count));
    expect(row(text, 'Closed complaints')).toBe(num(report.timeTaken.closed));
    expect(row(text, 'Median time taken')).toBe(`${report.timeTaken.medianDays} days`);
    expect(row(text, '90th percentile')).toBe(`${report.timeTaken.p90Days} days`);
  });

  it('answers PDF to Accept: application/pdf as well, and HTML by default', async () => {
    const pdf = await fetch(`${stack.baseUrl}/v1/reports/annual?year=2025`, { headers: { authorization: `Bearer ${riverside.apiKey}`, accept: 'application/pdf' } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // Read to the end: an unread body keeps the connection busy and the app's close waits for it.
    expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const html = await api.get<string>('/v1/reports/annual?year=2025', { token: riverside.apiKey });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const bad = await api.get<{ details: Array<{ field: string }> }>('/v1/reports/annual?year=2025&format=docx', { token: riverside.apiKey });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toEqual(['format']);
  });

  it('answers 503 naming what to install when Chromium is missing; the HTML still works', async () => {
    const bare = new TestStack({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    try {
      await bare.start({ ingest: true, worker: false });
      const client = new ApiClient(bare.baseUrl);
      const org = await createOrganisation(client, bare.config.adminToken, { name: 'Lakeside NHS Trust', sector: 'health' });
      const pdf = await client.get<{ statusCode: number; message: string }>('/v1/reports/annual?year=2025&format=pdf', { token: org.apiKey });
      expect(pdf.status).toBe(503);
      expect(pdf.headers.get('content-type')).toMatch(/^application\/json/);
      expect(pdf.body.message).toContain('apt-get install chromium');
      expect(pdf.body.message).toContain('/nonexistent/chromium');
      const html = await client.get<string>('/v1/reports/annual?year=2025', { token: org.apiKey });
      expect(html.status).toBe(200);
      expect(html.body).toContain('<h1>Lakeside NHS Trust: annual complaints report 2025-26</h1>');
    } finally {
      await bare.stop();
    }
  });
});
