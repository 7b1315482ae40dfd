import { ApiClient } from './support/api-client';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { HOUSING_TEXTS, SAFEGUARDING_TEXTS } from './support/late-complaint-texts';
import { CaughtMail, TestSmtpServer } from './support/smtp-catcher';
import { mailSettled } from './support/mail-quiet';
import { TestStack } from './support/test-stack';

const DAY_MS = 86_400_000;
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
/** Monday of the (UTC) week of `date`; in winter London days are UTC days. */
const mondayOf = (date: Date): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7)));

interface Summary {
  basis: string;
  totals: { count: number };
  lag: { count: number; medianDays: number | null; p90Days: number | null; over90Days: number };
  arrivedAfterPeriod: number | null;
  dataAsOf: string;
}

/**
 * The two clocks: bodies send complaints once closed, months after receiving them. The
 * Ombudsman's week counts what arrived; rising themes compare weeks of receipt, so old
 * complaints arriving raise nothing for this week, and a past rise revealed late is alerted once.
 */
jest.setTimeout(180_000);

describe('the Ombudsman’s week by arrival, and late rises (real PostgreSQL, Redis and SMTP)', () => {
  const smtp = new TestSmtpServer();
  let stack: TestStack;
  const mailQuiet = (): Promise<void> => mailSettled(stack, smtp);
  let api: ApiClient;
  let ombudsman: CreatedOrganisation;
  let council: CreatedOrganisation;
  let careProvider: CreatedOrganisation;
  const now = new Date();
  const thisMonday = mondayOf(now);
  const nextMonday = new Date(thisMonday.getTime() + 7 * DAY_MS);

  /** A record of a complaint not closed unless `overrides` says when. */
  const openRecord = (overrides: Record<string, unknown>) => complaintRecord({ closedAt: undefined, ...overrides });

  /** Stands in for the classifier so the counts do not depend on its wording; the rollup recounts the days. */
  const setThemes = async (ids: string[], themes: string[]): Promise<void> => {
    await stack.waitForProcessingAndRollup();
    await stack.db.query(`UPDATE complaint SET themes = $2, status_changed_at = now() WHERE id = ANY($1::uuid[])`, [ids, themes]);
    await stack.waitForProcessingAndRollup();
  };

  beforeAll(async () => {
    await smtp.start();
    stack = new TestStack({ env: { SMTP_URL: smtp.url, LEARNING_REFRESH_INTERVAL_MS: '300', MAIL_DISPATCH_INTERVAL_MS: '300', RISING_THEME_MIN_COUNT: '3' } });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    ombudsman = await createOrganisation(api, admin, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
    council = await createOrganisation(api, admin, { name: 'Eastborough Council', sector: 'local-government' });
    careProvider = await createOrganisation(api, admin, { name: 'Meadowside Care', sector: 'social-care' });
    await createContact(api, admin, ombudsman.id, { name: 'Olu Adeyemi', email: 'olu@ombudsman.example', digest: 'weekly' });
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  });

  it('counts complaints received 4–6 months ago and sent this week in this week’s digest, with how late they were, and raises no alert for this week', async () => {
    // Received 120–180 days ago, about one a week, all housing: by arrival this week has six.
    const ids = await submitComplaints(
      api,
      council.apiKey,
      HOUSING_TEXTS.map((summary, i) => {
        const receivedAt = new Date(now.getTime() - (120 + i * 12) * DAY_MS);
        return openRecord({ summary, serviceArea: 'Housing', receivedAt: receivedAt.toISOString(), closedAt: new Date(now.getTime() - DAY_MS).toISOString(), outcome: 'upheld' });
      }),
    );
    await setThemes(ids, ['housing']);

    const run = await api.post('/v1/digests/run', { token: stack.config.adminToken, body: { frequency: 'weekly', asOf: new Date(nextMonday.getTime() + 8 * 3_600_000).toISOString() } });
    expect(run.status).toBe(202);
    const isDigest = (m: CaughtMail): boolean => m.envelopeTo[0] === 'olu@ombudsman.example' && m.messageId.startsWith('<digest.');
    await smtp.waitFor(() => smtp.messages.some(isDigest), 'the Ombudsman’s weekly digest');
    const digest = smtp.messages.find(isDigest)!;
    expect(digest.subject).toContain('6 complaints');
    expect(digest.text).toContain('6 complaints arrived and processed, whenever the body received them');
    expect(digest.text).toContain('Median time from receipt to arrival: 144 days; 90th percentile: 180 days.');
    expect(digest.text).toContain('6 complaints arrived more than 90 days after the body received them.');
    expect(digest.text).toMatch(/BY WEEK RECEIVED/);
    // A batch arriving is not a rising theme.
    expect(digest.text).not.toMatch(/RISING THEMES/);
    expect(digest.text).toMatch(/Figures as of /);

    // No rising theme for this week (or any week: the old complaints are about one a week).
    await mailQuiet();
    const { rows } = await stack.db.query(`SELECT sector, theme, to_char(week_start, 'YYYY-MM-DD') AS week FROM rising_theme_alert`);
    expect(rows.filter((r) => r.week === isoDay(thisMonday))).toEqual([]);
    expect(rows).toEqual([]);
    expect(smtp.messages.filter((m) => /rising complaint theme/.test(m.subject))).toEqual([]);

    // The API answers both ways; a past period by receipt says how much arrived after it ended.
    const week = `from=${isoDay(thisMonday)}&to=${isoDay(nextMonday)}`;
    const byArrival = await api.get<Summary>(`/v1/learning/summary?basis=arrival&${week}`, { token: ombudsman.apiKey });
    expect(byArrival.status).toBe(200);
    expect(byArrival.body).toMatchObject({ basis: 'arrival', totals: { count: 6 }, lag: { count: 6, medianDays: 144, p90Days: 180, over90Days: 6 }, arrivedAfterPeriod: null, topRisingThemes: [] });
    const byReceipt = await api.get<Summary>(`/v1/learning/summary?basis=received&${week}`, { token: ombudsman.apiKey });
    expect(byReceipt.body).toMatchObject({ basis: 'received', totals: { count: 0 } });
    const past = `from=${isoDay(new Date(now.getTime() - 200 * DAY_MS))}&to=${isoDay(new Date(now.getTime() - 100 * DAY_MS))}`;
    const pastByReceipt = await api.get<Summary>(`/v1/learning/summary?basis=received&${past}`, { token: ombudsman.apiKey });
    expect(pastByReceipt.body).toMatchObject({ totals: { count: 6 }, arrivedAfterPeriod: 6 });
    expect(Date.parse(pastByReceipt.body.dataAsOf)).toBeGreaterThan(now.getTime() - 60_000);
  });

  it('alerts once, naming the week, when late data reveals a rise in a past week', async () => {
    const risingWeek = new Date(thisMonday.getTime() - 10 * 7 * DAY_MS);
    const receivedIn = (week: Date, day: number): string => new Date(week.getTime() + day * DAY_MS + 10 * 3_600_000).toISOString();
    // A baseline: one safeguarding complaint in each of the four weeks before.
    const baseline = await submitComplaints(
      api,
      careProvider.apiKey,
      [1, 2, 3, 4].map((w) => openRecord({ summary: SAFEGUARDING_TEXTS[w - 1], serviceArea: 'Residential care', receivedAt: receivedIn(new Date(risingWeek.getTime() - w * 7 * DAY_MS), 2) })),
    );
    await setThemes(baseline, ['safeguarding']);
    // Then, late, four in the week itself: 4 > 2 × 1 and ≥ 3.
    const rise = await submitComplaints(
      api,
      careProvider.apiKey,
      [0, 1, 2, 3].map((d) => openRecord({ summary: SAFEGUARDING_TEXTS[4 + d], serviceArea: 'Residential care', receivedAt: receivedIn(risingWeek, d) })),
    );
    await setThemes(rise, ['safeguarding']);

    const week = isoDay(risingWeek);
    const alertRows = async () =>
      (await stack.db.query(`SELECT count(*)::int AS n FROM rising_theme_alert WHERE sector = 'social-care' AND theme = 'safeguarding' AND week_start = $1::date`, [week])).rows[0].n as number;
    await stack.waitFor(async () => (await alertRows()) === 1, 'the late rise to be recorded');
    const alertFor = (m: { subject: string; text: string }): boolean => /rising complaint theme/.test(m.subject) && m.text.includes('Safeguarding');
    await smtp.waitFor(() => smtp.messages.some(alertFor), 'the late-rise alert');
    const mail = smtp.messages.find(alertFor)!;
    const [y, mo, d] = week.split('-').map(Number);
    const named = `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][mo - 1]} ${y}`;
    expect(mail.subject).toContain(`week of ${named} (revealed by late data)`);
    expect(mail.text).toContain(`in the week starting ${named}`);
    expect(mail.text).toContain('reached this service late');

    // One more late complaint in the same week: counted, never alerted again.
    await setThemes(await submitComplaints(api, careProvider.apiKey, [openRecord({ summary: SAFEGUARDING_TEXTS[8], serviceArea: 'Residential care', receivedAt: receivedIn(risingWeek, 5) })]), ['safeguarding']);
    await mailQuiet();
    expect(await alertRows()).toBe(1);
    expect(smtp.messages.filter(alertFor)).toHaveLength(1);
    // Nothing for this week either.
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM rising_theme_alert WHERE week_start = $1::date`, [isoDay(thisMonday)]);
    expect(rows[0].n).toBe(0);
  });
});
