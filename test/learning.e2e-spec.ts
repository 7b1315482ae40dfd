import { ApiClient } from './support/api-client';
import { crossBodyLink } from './support/db-fixtures';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestSmtpServer } from './support/smtp-catcher';
import { mailSettled } from './support/mail-quiet';
import { TestStack } from './support/test-stack';

interface Posted {
  id: string;
  org: CreatedOrganisation;
  sector: string;
  outcome: string;
  remedies: string[];
  duplicate?: boolean;
}

interface Summary {
  from: string;
  to: string;
  totals: { count: number; upheld: number; decided: number; upheldRate: number | null };
  bySector: Array<{ sector: string; count: number }>;
  byOrganisation: Array<{ organisationId: string; count: number }>;
  themes: Array<{ theme: string; count: number; previousCount: number }>;
  upheldRateByTheme: Array<{ theme: string; upheld: number; decided: number }>;
  seriousCount: number;
  commonRemedies: Array<{ remedy: string; count: number }>;
}

type Themes = { from: string; to: string; rows: Array<{ theme: string; count: number; upheldRate: number | null; previousCount: number }> };

const countBy = <T>(items: T[], key: (item: T) => string | string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) for (const k of [key(item)].flat()) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
};
const upheld = (outcome: string): boolean => outcome === 'upheld' || outcome === 'partly-upheld';
const decided = (outcome: string): boolean => outcome !== 'open' && outcome !== 'withdrawn';

/** The Ombudsman's aggregates, checked against counts the test makes itself from what it posted. */
describe('learning aggregates and the rising-theme alert (real PostgreSQL, Redis and SMTP)', () => {
  const smtp = new TestSmtpServer();
  let stack: TestStack;
  const mailQuiet = (): Promise<void> => mailSettled(stack, smtp);
  let api: ApiClient;
  let ombudsman: CreatedOrganisation;
  let riverside: CreatedOrganisation;
  let hillview: CreatedOrganisation;
  let eastborough: CreatedOrganisation;
  const posted: Posted[] = [];
  let pipelineLinked = false;
  const sectorOf = new Map<string, string>();

  /** Submits one record received a minute ago and notes it, for the counts the test makes itself. */
  const post = async (org: CreatedOrganisation, overrides: Record<string, unknown>, duplicate = false): Promise<Posted> => {
    const record = complaintRecord({ receivedAt: new Date(Date.now() - 60_000).toISOString(), closedAt: undefined, ...overrides });
    const [id] = await submitComplaints(api, org.apiKey, [record]);
    const entry = { id, org, sector: sectorOf.get(org.id) ?? '', outcome: String(record.outcome), remedies: record.remedies as string[], duplicate };
    posted.push(entry);
    return entry;
  };

  const settled = (): Promise<void> => stack.waitForProcessingAndRollup();

  const sameLetter =
    'After discharge the district nurses were never told about the new dressing plan, so the wound was left for five days and became infected.';

  beforeAll(async () => {
    await smtp.start();
    stack = new TestStack({ env: { SMTP_URL: smtp.url, LEARNING_REFRESH_INTERVAL_MS: '300', MAIL_DISPATCH_INTERVAL_MS: '300', RISING_THEME_MIN_COUNT: '3' } });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    ombudsman = await createOrganisation(api, admin, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
    riverside = await createOrganisation(api, admin, { name: 'Riverside NHS Trust', sector: 'health' });
    hillview = await createOrganisation(api, admin, { name: 'Hillview Community Health', sector: 'health' });
    eastborough = await createOrganisation(api, admin, { name: 'Eastborough Council', sector: 'local-government' });
    for (const [org, sector] of [[riverside, 'health'], [hillview, 'health'], [eastborough, 'local-government']] as const) sectorOf.set(org.id, sector);
    await createContact(api, admin, ombudsman.id, { name: 'Olu Adeyemi', email: 'olu@ombudsman.example', digest: 'weekly' });

    await post(riverside, { summary: 'The ward did not give my father his evening medication for three days and nobody could explain why.', outcome: 'upheld', remedies: ['apology', 'staff-training'] });
    await post(riverside, { summary: 'I waited eleven weeks for a follow-up appointment that should have been within two weeks of surgery.', outcome: 'not-upheld', remedies: ['explanation'] });
    await post(riverside, { summary: 'Staff on reception were rude and dismissive when my mother asked for a wheelchair to reach the clinic.', outcome: 'open', remedies: [] });
    await post(riverside, { summary: sameLetter, outcome: 'partly-upheld', remedies: ['apology', 'policy-change'] });
    await post(riverside, { summary: 'I waited eleven weeks for a follow-up appointment that should have been within two weeks of surgery.', outcome: 'not-upheld', remedies: ['explanation'] }, true);
    await post(hillview, { summary: sameLetter, outcome: 'upheld', remedies: ['apology'] });
    await post(hillview, { summary: 'The health visitor cancelled four appointments in a row and never told us why or offered another date.', outcome: 'resolved', remedies: ['explanation', 'service-change'] });
    for (const [i, summary] of [
      'The council left the family in a flat with damp and black mould for eight months despite repeated repair requests.',
      'Our housing repair for a broken boiler was closed without anyone attending, leaving us with no heating in January.',
      'The homelessness team placed us in temporary accommodation two hours from the children’s school and did not review it.',
    ].entries()) {
      await post(eastborough, { summary, serviceArea: 'Housing', outcome: i === 2 ? 'withdrawn' : 'upheld', remedies: ['financial'] });
    }
    await settled();
    const [a, b] = [posted[3], posted[5]];
    const { rows } = await stack.db.query(`SELECT 1 FROM complaint_link WHERE complaint_id = $1 AND related_id = $2 AND rule = 'cross-body'`, [a.id, b.id]);
    pipelineLinked = rows.length > 0;
    if (!pipelineLinked) {
      // Stand in for the dedup step so the counting rule is tested either way (the link test below reports the gap).
      await crossBodyLink(stack.db, a.id, b.id, 1);
      await stack.db.query('UPDATE complaint SET status_changed_at = now() WHERE id = $1', [b.id]);
      await settled();
    }
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  });

  /** What the test expects to count: processed (not duplicates), a cross-body cluster once across bodies. */
  async function expected(): Promise<{ counted: Array<Posted & { themes: string[]; severity: string }>; own: Array<Posted & { themes: string[]; severity: string }> }> {
    const { rows } = await stack.db.query<{ id: string; status: string; themes: string[]; severity: string }>('SELECT id, status, themes, severity FROM complaint');
    const stored = new Map(rows.map((r) => [r.id, r]));
    for (const p of posted) expect(stored.get(p.id)?.status).toBe(p.duplicate ? 'duplicate' : 'processed');
    const [a, b] = [posted[3], posted[5]];
    const nonRepresentative = a.id < b.id ? b.id : a.id;
    const own = posted.filter((p) => !p.duplicate).map((p) => ({ ...p, themes: stored.get(p.id)?.themes ?? [], severity: stored.get(p.id)?.severity ?? '' }));
    return { own, counted: own.filter((p) => p.id !== nonRepresentative) };
  }

  it('has the pipeline link the same letter at two bodies as related (cross-body)', () => {
    expect(pipelineLinked).toBe(true);
  });

  it('gives the Ombudsman summary figures equal to counts made from the posted records', async () => {
    const { counted } = await expected();
    const answer = await api.get<Summary>('/v1/learning/summary', { token: ombudsman.apiKey });
    expect(answer.status).toBe(200);
    const summary = answer.body;
    expect(summary.totals.count).toBe(counted.length);
    expect(summary.totals.count).toBe(8); // 10 posted − 1 duplicate − 1 cross-body repeat
    expect(summary.totals.upheld).toBe(counted.filter((p) => upheld(p.outcome)).length);
    expect(summary.totals.decided).toBe(counted.filter((p) => decided(p.outcome)).length);
    expect(Object.fromEntries(summary.bySector.map((s) => [s.sector, s.count]))).toEqual(countBy(counted, (p) => p.sector));
    expect(Object.fromEntries(summary.byOrganisation.map((o) => [o.organisationId, o.count]))).toEqual(countBy(counted, (p) => p.org.id));
    expect(Object.fromEntries(summary.themes.map((t) => [t.theme, t.count]))).toEqual(countBy(counted, (p) => p.themes));
    expect(summary.themes.every((t) => t.previousCount === 0)).toBe(true);
    expect(summary.seriousCount).toBe(counted.filter((p) => p.severity === 'serious').length);
    expect(Object.fromEntries(summary.commonRemedies.map((r) => [r.remedy, r.count]))).toEqual(countBy(counted, (p) => p.remedies));
    for (const row of summary.upheldRateByTheme) {
      const withTheme = counted.filter((p) => p.themes.includes(row.theme));
      expect([row.theme, row.upheld, row.decided]).toEqual([row.theme, withTheme.filter((p) => upheld(p.outcome)).length, withTheme.filter((p) => decided(p.outcome)).length]);
    }
    const health = await api.get<Summary>('/v1/learning/summary?sector=health', { token: ombudsman.apiKey });
    expect(health.body.totals.count).toBe(counted.filter((p) => p.sector === 'health').length);
  });

  it('answers theme rows: the Ombudsman for all bodies, a public body only for itself', async () => {
    const { counted, own } = await expected();
    const all = await api.get<Themes>('/v1/learning/themes', { token: ombudsman.apiKey });
    expect(all.status).toBe(200);
    expect(Object.fromEntries(all.body.rows.map((r) => [r.theme, r.count]))).toEqual(countBy(counted, (p) => p.themes));
    // A body's own figures count its own complaints, including its half of a cross-body pair.
    const mine = await api.get<Themes>('/v1/learning/themes', { token: hillview.apiKey });
    expect(mine.status).toBe(200);
    expect(Object.fromEntries(mine.body.rows.map((r) => [r.theme, r.count]))).toEqual(countBy(own.filter((p) => p.org === hillview), (p) => p.themes));
    const asOmbudsman = await api.get<Themes>(`/v1/learning/themes?organisationId=${hillview.id}`, { token: ombudsman.apiKey });
    expect(asOmbudsman.body.rows).toEqual(mine.body.rows);
    expect((await api.get(`/v1/learning/themes?organisationId=${riverside.id}`, { token: hillview.apiKey })).status).toBe(404);
    expect((await api.get('/v1/learning/summary', { token: hillview.apiKey })).status).toBe(403);
    const bad = await api.get<{ details: Array<{ field: string }> }>('/v1/learning/themes?from=2026-13-01&colour=red', { token: ombudsman.apiKey });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field).sort()).toEqual(['colour', 'from']);
    const range = await api.get<Themes>('/v1/learning/themes?from=2020-01-01&to=2020-02-01', { token: ombudsman.apiKey });
    // Every period-based figure says when the data was read and how much of the period arrived after it ended.
    expect(range.body).toMatchObject({ from: '2020-01-01', to: '2020-02-01', rows: [], arrivedAfterPeriod: 0 });
    expect(Number.isNaN(Date.parse((range.body as unknown as { dataAsOf: string }).dataAsOf))).toBe(false);
  });

  it('alerts the Ombudsman once per rising theme, sector and week', async () => {
    const { counted } = await expected();
    // Nothing before this week, so any (sector, theme) with at least 3 complaints this week is rising
    // (counted as the rollup counts across bodies: a cross-body pair once).
    const rising = Object.entries(countBy(counted, (p) => p.themes.map((t) => `${p.sector}/${t}`)))
      .filter(([, n]) => n >= 3)
      .map(([key]) => key)
      .sort();
    expect(rising).toContain('local-government/housing');
    await stack.waitFor(async () => {
      const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM ombudsman_mail WHERE kind = 'rising-theme' AND status = 'sent'`);
      return rows[0].n > 0 && smtp.messages.some((m) => /rising complaint theme/.test(m.subject));
    }, 'the rising-theme alert');
    const { rows: alerts } = await stack.db.query(`SELECT sector || '/' || theme AS key FROM rising_theme_alert ORDER BY 1`);
    expect(alerts.map((a) => a.key)).toEqual(rising);

    // Two more housing complaints the same week: counted, but no second alert for housing.
    await post(eastborough, { summary: 'Repairs to a collapsed ceiling were promised within a week but nobody came for two months.', serviceArea: 'Housing', outcome: 'upheld' });
    await post(eastborough, { summary: 'The council did not fix the broken front door lock for six weeks, leaving an elderly tenant unsafe.', serviceArea: 'Housing', outcome: 'upheld' });
    await settled();
    await mailQuiet();
    const { rows: again } = await stack.db.query(`SELECT count(*)::int AS n FROM rising_theme_alert WHERE sector = 'local-government' AND theme = 'housing'`);
    expect(again[0].n).toBe(1);
    const alertMails = smtp.messages.filter((m) => /rising complaint theme/.test(m.subject));
    const { rows: sent } = await stack.db.query(`SELECT count(*)::int AS n FROM ombudsman_mail WHERE kind = 'rising-theme'`);
    expect(alertMails).toHaveLength(sent[0].n);
    expect(alertMails.every((m) => m.envelopeTo[0] === 'olu@ombudsman.example')).toBe(true);
    expect(alertMails.map((m) => m.text).join('\n')).toContain('Housing');
  });
});
