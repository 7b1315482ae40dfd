import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { THEME_IDS } from '@app/domain';
import { ApiClient } from './support/api-client';
import { ROOF_TEXT, SERIOUS_TEXT, TEXTS } from './support/complaint-texts';
import { complaintRecord, createOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

const logFile = join(mkdtempSync(join(tmpdir(), 'clp-logs-')), 'stack.log');
// Every identifier planted in the records below; none may survive into derived data or logs.
const IDENTIFIERS = ['Patel', '07700 900123', '14 Acacia Road', 'Okafor', 'jane.doe@example.com', '943 476 5919', 'SW1A 1AA', 'QQ123456C'];

interface View {
  status: string;
  classification: { themes: Array<{ id: string; confidence: number; evidence: string[] }>; severity: string; confidence: number; version: string };
  learningSummary: string;
}

describe('workers understand each complaint (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ env: { LOG_LEVEL: 'debug', LOG_FILE: logFile } });
  let api: ApiClient;
  let apiKey: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    apiKey = (await createOrganisation(api, stack.config.adminToken)).apiKey;
    const records = {
      ...TEXTS,
      serious: SERIOUS_TEXT,
      contactDetails: `Please reply to jane.doe@example.com; her NHS number is 943 476 5919 and NI number QQ123456C, postcode SW1A 1AA. ${ROOF_TEXT}`,
    };
    const learning = 'We have introduced a new checklist and staff training. Mrs Patel received an apology.';
    const submitted = await submitComplaints(api, apiKey, Object.values(records).map((summary) => complaintRecord({ summary, learning })));
    Object.keys(records).forEach((key, i) => (ids[key] = submitted[i]));
    await stack.waitFor(async () => {
      const counts = await stack.statusCounts();
      return (counts.processed ?? 0) + (counts.duplicate ?? 0) === Object.keys(records).length;
    }, 'every record to be processed');
  });

  afterAll(() => stack.stop());

  const view = async (key: string) => (await api.get<View>(`/v1/complaints/${ids[key]}`, { token: apiKey })).body;

  it('classifies each record with taxonomy themes, evidence from the text, severity and version', async () => {
    for (const key of Object.keys(ids)) {
      const { classification, status } = await view(key);
      expect(status).toBe('processed');
      expect(classification.themes.length).toBeGreaterThan(0);
      expect(classification.version).toMatch(/^clf-/);
      for (const theme of classification.themes) {
        expect(THEME_IDS).toContain(theme.id);
        expect(theme.confidence).toBeGreaterThan(0);
        expect(theme.confidence).toBeLessThanOrEqual(1);
        expect(theme.evidence.length).toBeGreaterThan(0);
      }
    }
  });

  it('finds the themes a reader would', async () => {
    const themes = async (key: string) => (await view(key)).classification.themes.map((t) => t.id);
    expect(await themes('boilerRepair')).toContain('housing');
    expect(await themes('dischargeMedication')).toEqual(expect.arrayContaining(['discharge-transfer']));
    expect(await themes('benefitsDecision')).toContain('benefits-tax');
    expect(await themes('careHomeSafeguarding')).toContain('safeguarding');
    expect(await themes('rudeReception')).toContain('staff-attitude');
  });

  it('marks a death as serious and an inconvenience as less', async () => {
    expect((await view('serious')).classification.severity).toBe('serious');
    expect(['low', 'medium']).toContain((await view('rudeReception')).classification.severity);
  });

  it('stores a short learning summary with outcome and change', async () => {
    const { learningSummary } = await view('boilerRepair');
    expect(learningSummary.length).toBeLessThanOrEqual(300);
    expect(learningSummary).toMatch(/^Upheld · Maternity/);
    expect(learningSummary).toMatch(/checklist|training/);
  });

  it('leaves no personal identifier in any derived field', async () => {
    const { rows } = await stack.db.query(
      `SELECT redacted_summary, redacted_learning, classification::text, learning_summary FROM complaint`,
    );
    const derived = JSON.stringify(rows);
    for (const identifier of IDENTIFIERS) expect(derived).not.toContain(identifier);
    expect(derived).toContain('[email]');
    expect(derived).toContain('[nhs-number]');
  });

  it('never writes complaint text or identifiers to the logs', async () => {
    const logs = readFileSync(logFile, 'utf8');
    expect(logs).toContain('batch processed');
    for (const identifier of IDENTIFIERS) expect(logs).not.toContain(identifier);
    expect(logs).not.toContain('antenatal clinic');
  });
});
