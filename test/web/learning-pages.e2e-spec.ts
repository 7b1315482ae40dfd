import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { complaintRecord, createContact, submitComplaints, type CreatedContact } from '../support/fixtures';
import { expectAccessible, launchBrowser, newContext, saveScreenshot, signIn } from './support/browser';
import { WebTestStack, type ContactWithApiKey } from './support/web-stack';

/*
 * The learning dashboard through real Chromium on the real apps. Complaints go in through the
 * API and the real worker; each is then given its themes and severity by a review through the
 * API (the labels win everywhere, the rollup recounts them), so every figure below is known.
 *
 * The period is 5 October – 1 November 2026 (28 days); the previous period 7 September –
 * 4 October 2026. Every complaint has a different text, so nothing is a duplicate or a
 * cross-body case.
 */

type Org = ContactWithApiKey;
const stack = new WebTestStack();
let browser: Browser;
let riverside: Org;
let hillside: Org;
let harbour: Org;
let ombudsman: CreatedContact;
const ids: Record<string, string> = {};

const PERIOD = 'period=custom&from-day=5&from-month=10&from-year=2026&to-day=1&to-month=11&to-year=2026';

const TEXTS: Record<string, string> = {
  R1: 'The scan results were never sent to the family and nobody answered the phone on the ward for two weeks.',
  R2: 'My mother was moved to another hospital at night and the family were not told where she had gone.',
  R3: 'Nurses did not record the observations overnight and the deterioration of my father was missed.',
  R4: 'The letter about the outpatient clinic appointment arrived after the date of the appointment itself.',
  R5: 'The consultant refused to explain the results of the biopsy and the clinic cancelled the follow up twice.',
  H1: 'The practice took four months to refer my son to the specialist and lost the first referral form.',
  H2: 'The receptionist would not tell me why my repeat prescription had been stopped by the doctor.',
  B1: 'The council left a leaking roof in our flat unrepaired for nine months despite many reports.',
  B2: 'Black mould spread through the bedroom and the housing officer never replied to any of our emails.',
  B3: 'The council took three months to fix the broken front door lock on our ground floor maisonette.',
};

// [reference key, organisation, received, themes, severity, outcome, service area]
const SEED: Array<[string, () => Org, string, string[], string, string, string]> = [
  ['R1', () => riverside, '2026-10-06T10:00:00Z', ['communication', 'delay'], 'serious', 'upheld', 'Radiology'],
  ['R2', () => riverside, '2026-10-13T10:00:00Z', ['communication'], 'medium', 'not-upheld', 'Transfers'],
  ['R3', () => riverside, '2026-10-20T10:00:00Z', ['clinical-care'], 'serious', 'partly-upheld', 'Ward 7'],
  ['R4', () => riverside, '2026-10-27T10:00:00Z', ['communication'], 'low', 'upheld', '=1+2 Outpatients'],
  ['H1', () => hillside, '2026-10-08T10:00:00Z', ['delay'], 'low', 'upheld', 'Referrals'],
  ['H2', () => hillside, '2026-10-22T10:00:00Z', ['communication'], 'high', 'not-upheld', 'Reception'],
  ['B1', () => harbour, '2026-10-15T10:00:00Z', ['housing'], 'high', 'not-upheld', 'Housing repairs'],
  ['B2', () => harbour, '2026-10-29T10:00:00Z', ['housing', 'communication'], 'serious', 'upheld', 'Housing management'],
  // The previous period.
  ['R5', () => riverside, '2026-09-15T10:00:00Z', ['communication'], 'serious', 'not-upheld', 'Outpatients'],
  ['B3', () => harbour, '2026-09-25T10:00:00Z', ['housing'], 'low', 'upheld', 'Housing repairs'],
];

/** The three headline figures as the page words them: value, then change. */
async function headline(page: Page): Promise<Record<string, string>> {
  const figure = async (id: string) =>
    `${await page.locator(`#figure-${id} .app-learning-figure__value`).innerText()} | ${await page.locator(`#figure-${id} .app-learning-figure__change`).innerText()}`;
  return { total: await figure('total'), upheld: await figure('upheld'), serious: await figure('serious') };
}

/** Another Ombudsman contact: the sign-in rate limit counts per address. */
function ombudsmanContact(name: string): Promise<CreatedContact> {
  return createContact(stack.api, stack.adminToken, ombudsman.organisationId, { name: `Kim ${name}`, email: `${name}@ombudsman.example` });
}

async function referencesListed(page: Page): Promise<string[]> {
  return page.locator('.app-learning-record h2').allInnerTexts();
}

beforeAll(async () => {
  [browser] = await Promise.all([launchBrowser(), stack.start()]);
  const publicBody = { kind: 'public-body', type: 'Public body' } as const;
  riverside = await stack.createOrganisationWithContact('sam@riverside.example', { ...publicBody, name: 'Riverside NHS Trust', sector: 'health', contactName: 'Sam Jones' });
  hillside = await stack.createOrganisationWithContact('pat@hillside.example', { ...publicBody, name: 'Hillside Practice', sector: 'health', contactName: 'Pat Green' });
  harbour = await stack.createOrganisationWithContact('alex@harbour.example', { ...publicBody, name: 'Harbour Council', sector: 'local-government', contactName: 'Alex Reed' });
  ombudsman = await stack.createOrganisationWithContact('kim@ombudsman.example', { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other', type: 'Public body', contactName: 'Kim Lee' });
  for (const [key, org, receivedAt, , , outcome, serviceArea] of SEED) {
    [ids[key]] = await submitComplaints(stack.api, org().apiKey, [
      complaintRecord({ reference: key, receivedAt, closedAt: '2026-11-20T10:00:00Z', outcome, serviceArea, summary: TEXTS[key], learning: `Staff now check this every day (${key}).` }),
    ]);
  }
  await stack.stack.waitForProcessingAndRollup();
  for (const [key, org, , themes, severity] of SEED) {
    const response = await stack.api.request('PUT', `/v1/complaints/${ids[key]}/review`, { token: org().apiKey, body: { themes, severity } });
    expect(response.status).toBe(200);
  }
  // Each review's apply job recounts the rollup; once nothing is waiting to be recounted, the figures hold.
  await stack.stack.waitFor(async () => {
    const { rows } = await stack.stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM learning_recount');
    return rows[0].n === 0;
  }, 'the reviewed labels to be counted');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack.stop();
});

it('shows the Ombudsman every body’s headline figures, the five charts with their tables, and filters by sector and theme', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, ombudsman.email);
  await page.goto(`/learning?${PERIOD}`);
  await page.getByRole('heading', { level: 1, name: 'Learning from complaints' }).waitFor();
  expect(await page.locator('#learning-period').innerText()).toBe(
    '5 October 2026 to 1 November 2026, compared with the previous period of the same length (7 September 2026 to 4 October 2026).',
  );
  expect(await headline(page)).toEqual({
    total: '8 | Up 6 from 2 in the previous period',
    upheld: '62.5% | Up 12.5 percentage points from 50.0% in the previous period',
    serious: '3 | Up 2 from 1 in the previous period',
  });
  expect(await page.locator('#figure-upheld .app-learning-figure__detail').innerText()).toBe('5 of 8 decided cases upheld or partly upheld');

  // Five server-rendered SVG charts, inline, each labelled, with no style attribute or element the CSP would block.
  expect(await page.locator('main svg[role="img"]').evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('data-chart')))).toEqual([
    'themes-by-week', 'themes-by-sector', 'upheld-rate-by-theme', 'rising-themes', 'serious-organisations',
  ]);
  expect(await page.locator('main svg [style], main svg style').count()).toBe(0);
  expect(await page.locator('main svg text').first().getAttribute('font-size')).toBe('12px');
  expect(await page.locator('#learning-upheld-rate-by-theme-table tbody tr').allInnerTexts()).toEqual([
    'Delay\t2\t2\t100.0%', 'Clinical care\t1\t1\t100.0%', 'Communication\t3\t5\t60.0%', 'Housing\t1\t2\t50.0%',
  ]);
  expect(await page.locator('#learning-themes-by-sector-table thead th').allInnerTexts()).toEqual(['Theme', 'Health', 'Local government', 'Total']);
  expect(await page.locator('#learning-themes-by-sector-table tbody tr').allInnerTexts()).toEqual([
    'Communication\t4\t1\t5', 'Delay\t2\t0\t2', 'Housing\t0\t2\t2', 'Clinical care\t1\t0\t1',
  ]);
  expect(await page.locator('#learning-serious-organisations-table tbody tr').allInnerTexts()).toEqual(['Riverside NHS Trust\tHealth\t2', 'Harbour Council\tLocal government\t1']);
  // Weeks still filling are said in words under the week-by-week chart, when there are any.
  const incompleteWeeks = await page.locator('#learning-themes-by-week-table thead th', { hasText: '(incomplete)' }).count();
  expect(await page.locator('#learning-themes-by-week-note').count()).toBe(incompleteWeeks > 0 ? 1 : 0);
  await expectAccessible(page);
  await saveScreenshot(page, 'learning-dashboard');

  await page.getByLabel('Sector', { exact: true }).selectOption('local-government');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/sector=local-government/);
  expect(await headline(page)).toEqual({
    total: '2 | Up 1 from 1 in the previous period',
    upheld: '50.0% | Down 50.0 percentage points from 100.0% in the previous period',
    serious: '1 | Up 1 from 0 in the previous period',
  });

  await page.getByLabel('Sector', { exact: true }).selectOption('');
  await page.getByLabel('Theme', { exact: true }).selectOption('communication');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/theme=communication/);
  expect(await headline(page)).toEqual({
    total: '5 | Up 4 from 1 in the previous period',
    upheld: '60.0% | Up 60.0 percentage points from 0.0% in the previous period',
    serious: '2 | Up 1 from 1 in the previous period',
  });
  expect(problems).toEqual([]);
  await context.close();
});

it('drills from a theme into its redacted learning summaries, a page at a time, each opening its case', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, (await ombudsmanContact('drill')).email);
  await page.goto(`/learning?${PERIOD}`);
  const link = page.locator('#learning-upheld-rate-by-theme-table').getByRole('link', { name: 'Communication' });
  const href = await link.getAttribute('href');
  expect(href).toBe(`/learning/cases?${PERIOD}&theme=communication`);
  await page.goto(`${href}&limit=2`);
  await page.getByRole('heading', { level: 1, name: 'Learning summaries: Communication' }).waitFor();
  expect(await referencesListed(page)).toEqual(['B2', 'R4']);
  expect(await page.locator('.app-learning-record__summary').first().innerText()).toContain('Change: Staff now check this every day (B2)');
  await expectAccessible(page);
  await saveScreenshot(page, 'learning-drill-down');

  await page.getByRole('link', { name: 'Next' }).click();
  await page.waitForURL(/cursor=/);
  expect(await referencesListed(page)).toEqual(['H2', 'R2']);
  await page.getByRole('link', { name: 'Next' }).click();
  await page.waitForFunction("document.querySelectorAll('.app-learning-record').length === 1");
  expect(await referencesListed(page)).toEqual(['R1']);
  expect(await page.getByRole('link', { name: 'Next' }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'R1', exact: true }).getAttribute('href')).toBe(`/complaints/${ids.R1}`);
  await page.getByRole('link', { name: 'R1', exact: true }).click();
  await page.waitForURL(`**/complaints/${ids.R1}`);

  // The serious-cases chart opens that organisation's serious cases only.
  await page.goto(`/learning?${PERIOD}`);
  await page.locator('#learning-serious-organisations-table').getByRole('link', { name: 'Riverside NHS Trust' }).click();
  await page.waitForURL(/severity=serious/);
  expect(await referencesListed(page)).toEqual(['R3', 'R1']);
  expect(problems).toEqual([]);
  await context.close();
});

it('downloads exactly what is filtered as CSV, a formula-leading cell neutralised', async () => {
  const { context, page, problems } = await newContext(browser, stack, { acceptDownloads: true });
  await signIn(page, stack, (await ombudsmanContact('csv')).email);
  await page.goto(`/learning?${PERIOD}&organisationId=${riverside.organisationId}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download CSV/ }).click()]);
  expect(download.suggestedFilename()).toBe('learning-2026-10-05-2026-11-01.csv');
  const csv = readFileSync((await download.path()) as string, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('complaintId,organisationId,organisation,sector,reference,receivedAt,serviceArea,themes,severity,outcome,learningSummary,anonymised');
  expect(lines.slice(1, -1).map((line) => line.split(',').slice(0, 5).join(','))).toEqual(
    ['R4', 'R3', 'R2', 'R1'].map((key) => `${ids[key]},${riverside.organisationId},Riverside NHS Trust,health,${key}`),
  );
  expect(lines[lines.length - 1]).toBe('');
  expect(lines[1].split(',').slice(5, 10)).toEqual(['2026-10-27T10:00:00.000Z', "'=1+2 Outpatients", 'communication', 'low', 'upheld']);

  const response = await page.request.get(`/learning/export.csv?${PERIOD}&theme=housing`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers()['content-disposition']).toBe('attachment; filename="learning-2026-10-05-2026-11-01.csv"');
  const rows = (await response.text()).split('\r\n').slice(1, -1);
  expect(rows.map((row) => row.split(',')[4])).toEqual(['B2', 'B1']);
  expect(problems).toEqual([]);
  await context.close();
});

it('shows a public body its own learning only, whatever the link asks for', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, hillside.email);
  await page.goto(`/learning?${PERIOD}&organisationId=${riverside.organisationId}`);
  await page.getByRole('heading', { level: 1, name: 'Learning from complaints' }).waitFor();
  expect(await headline(page)).toEqual({
    total: '2 | Up 2 from 0 in the previous period',
    upheld: '50.0% | No decided cases in the previous period',
    serious: '0 | No change from 0 in the previous period',
  });
  expect(await page.locator('select[name="organisationId"]').count()).toBe(0);
  const main = await page.locator('main').innerText();
  expect(main).not.toContain('Riverside NHS Trust');
  expect(main).not.toContain('Harbour Council');
  await page.goto(`/learning/cases?${PERIOD}&organisationId=${riverside.organisationId}`);
  expect(await referencesListed(page)).toEqual(['H2', 'H1']);
  const csv = await (await page.request.get(`/learning/export.csv?${PERIOD}&organisationId=${riverside.organisationId}`)).text();
  expect(csv.split('\r\n').slice(1, -1).map((row) => row.split(',')[4])).toEqual(['H2', 'H1']);
  expect(problems).toEqual([]);
  await context.close();
});

it('names a bad date in the error summary', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, (await ombudsmanContact('errors')).email);
  const response = await page.goto('/learning?period=custom&from-day=31&from-month=2&from-year=2026&to-day=1&to-month=11&to-year=2099');
  expect(response?.status()).toBe(400);
  expect(await page.title()).toBe('Error: Learning from complaints – Complaint learning');
  const summary = page.locator('.govuk-error-summary');
  expect(await summary.getByRole('link').allInnerTexts()).toEqual([
    'Date from must be a real date, for example 27 3 2026',
    'Date to must be today or in the past',
  ]);
  expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#from-day');
  expect(await page.locator('#from-day').inputValue()).toBe('31');
  expect(await page.locator('#figure-total').count()).toBe(0);
  await expectAccessible(page);
  await saveScreenshot(page, 'learning-error');
  expect(problems).toEqual([]);
  await context.close();
});

it('filters by keyboard alone', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, (await ombudsmanContact('keyboard')).email);
  await page.goto('/learning');
  const focused = () => page.evaluate<string>("document.activeElement ? document.activeElement.id : ''");
  const tabTo = async (id: string) => {
    for (let i = 0; i < 40 && (await focused()) !== id; i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe(id);
  };
  await tabTo('period');
  // A radio group is one tab stop: the arrow keys move within it, Space chooses.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  expect(await page.locator('#period-4').isChecked()).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('from-day');
  for (const value of ['5', '10', '2026', '1', '11', '2026']) {
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
  await tabTo('theme');
  await page.keyboard.press('Tab');
  expect(await page.evaluate<string>("document.activeElement ? document.activeElement.textContent.trim() : ''")).toBe('Apply filters');
  await page.keyboard.press('Enter');
  await page.waitForURL(/from-day=5/);
  expect((await headline(page)).total).toBe('8 | Up 6 from 2 in the previous period');
  expect(problems).toEqual([]);
  await context.close();
});

it('works without JavaScript', async () => {
  const { context, page, problems } = await newContext(browser, stack, { javaScriptEnabled: false });
  await signIn(page, stack, (await ombudsmanContact('nojs')).email);
  await page.goto('/learning');
  await page.getByLabel('Choose dates').check();
  await page.locator('#from-day').fill('5');
  await page.locator('input[name="from-month"]').fill('10');
  await page.locator('input[name="from-year"]').fill('2026');
  await page.locator('#to-day').fill('1');
  await page.locator('input[name="to-month"]').fill('11');
  await page.locator('input[name="to-year"]').fill('2026');
  await page.getByLabel('Theme', { exact: true }).selectOption('housing');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/theme=housing/);
  expect(await headline(page)).toEqual({
    total: '2 | Up 1 from 1 in the previous period',
    upheld: '50.0% | Down 50.0 percentage points from 100.0% in the previous period',
    serious: '1 | Up 1 from 0 in the previous period',
  });
  // Two housing complaints are too few to call a theme rising (at least 5): that chart says so instead.
  expect(await page.locator('main svg[role="img"]').count()).toBe(4);
  expect(await page.locator('#learning-rising-themes-empty').innerText()).toBe('No theme rose: none has at least 5 complaints and more than in the previous period.');
  expect(problems).toEqual([]);
  await context.close();
});

it('says so when a period has no complaints', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, (await ombudsmanContact('empty')).email);
  const response = await page.goto('/learning?period=custom&from-day=1&from-month=1&from-year=2025&to-day=28&to-month=1&to-year=2025');
  expect(response?.status()).toBe(200);
  expect(await headline(page)).toEqual({
    total: '0 | No change from 0 in the previous period',
    upheld: 'No decided cases | No decided cases in the previous period',
    serious: '0 | No change from 0 in the previous period',
  });
  expect(await page.locator('main svg').count()).toBe(0);
  expect(await page.locator('#learning-serious-organisations-empty').innerText()).toBe('No serious cases for these filters.');
  expect(problems).toEqual([]);
  await context.close();
});
