import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { UploadProgressStore } from '../../apps/web/src/upload/upload-progress.store';
import { expectAccessible, launchBrowser, newContext, saveScreenshot, signIn } from './support/browser';
import { WebTestStack } from './support/web-stack';

/*
 * /complaints/upload (issue 14): a body's contact uploads a CSV export; it is checked, stored in
 * the background through the API's intake, and the page shows progress, then every rejected
 * row with its column and reason and a link to the saved ones.
 */
const stack = new WebTestStack();
let browser: Browser;

const HEADER = 'reference,receivedAt,serviceArea,summary,outcome,remedies';
const GOOD_SUMMARY = 'The repair to the boiler was delayed for six weeks over the winter';
/** 6 good rows and 3 bad ones (spreadsheet rows 4, 6 and 8: the header is row 1). */
const MIXED_CSV = [
  HEADER,
  `UP-1,2026-09-01,Housing repairs,"${GOOD_SUMMARY}, twice",upheld,apology; financial`,
  `UP-2,2026-09-02,Rent accounts,My rent account showed arrears that I had already paid off,not-upheld,`,
  `UP-3,2026-09-03,Housing repairs,,upheld,`,
  `UP-4,2026-09-04,Waste collection,The bins were not collected for three weeks running,partly-upheld,explanation`,
  `UP-5,01/09/2026,Housing repairs,${GOOD_SUMMARY},upheld,`,
  `UP-6,2026-09-06,Planning,The planning decision letter never arrived at my address,resolved,`,
  `UP-7,2026-09-07,Planning,${GOOD_SUMMARY},maybe,`,
  `UP-8,2026-09-08,Council tax,I was billed twice for the same month of council tax,upheld,financial`,
  `UP-9,2026-09-09,Housing repairs,Nobody came to fix the broken window in the bedroom,withdrawn,`,
].join('\n');
const GOOD_REFERENCES = ['UP-1', 'UP-2', 'UP-4', 'UP-6', 'UP-8', 'UP-9'];
const REJECTED_TABLE = [
  ['4', 'summary', 'summary must be a string'],
  ['6', 'receivedAt', 'receivedAt must be an ISO 8601 date'],
  ['8', 'outcome', 'outcome must be one of the following values: upheld, partly-upheld, not-upheld, resolved, withdrawn, open'],
];

interface Body {
  organisationId: string;
  apiKey: string;
  email: string;
}

let riverside: Body;
let harbour: Body;

beforeAll(async () => {
  [browser] = await Promise.all([launchBrowser(), stack.start()]);
  riverside = await stack.createOrganisationWithContact('sam@riverside.example', { name: 'Riverside Council', sector: 'local-government', type: 'Council' });
  harbour = await stack.createOrganisationWithContact('alex@harbour.example', { name: 'Harbour Council', sector: 'local-government', type: 'Council' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack.stop();
});

async function chooseAndUpload(page: Page, name: string, content: string | Buffer): Promise<void> {
  page.setDefaultTimeout(15_000);
  await page.goto('/complaints/upload');
  await page.getByLabel('Upload a file').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', buffer: Buffer.from(content) });
  await page.getByRole('button', { name: 'Upload file' }).click();
}

const UPLOAD_PAGE = /\/complaints\/upload\/[0-9a-f-]{36}$/;

/** Without JavaScript: follows the Refresh link until processing has finished. */
async function refreshUntilFinished(page: Page): Promise<void> {
  await stack.stack.waitFor(async () => {
    if ((await page.getByRole('heading', { level: 1, name: 'Your file has been processed' }).count()) === 1) return true;
    await page.getByRole('link', { name: 'Refresh this page' }).click();
    return false;
  }, 'the upload to finish', 20_000);
}

async function summaryFigures(page: Page): Promise<Record<string, string>> {
  const rows = await page.locator('.govuk-summary-list__row').all();
  const figures: Record<string, string> = {};
  for (const row of rows) figures[(await row.locator('dt').innerText()).trim()] = (await row.locator('dd').innerText()).trim();
  return figures;
}

async function tableRows(page: Page): Promise<string[][]> {
  return page.locator('table tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.children as ArrayLike<{ textContent: string | null }>, (cell) => (cell.textContent ?? '').trim())));
}

async function savedLinks(page: Page): Promise<Array<{ reference: string; href: string }>> {
  return page.locator('table tbody a').evaluateAll((links) => links.map((a) => ({ reference: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })));
}

async function apiComplaints(body: Body): Promise<Array<{ id: string; reference: string; status: string }>> {
  const response = await stack.api.get<{ items: Array<{ id: string; reference: string; status: string }> }>('/v1/complaints?limit=200', { token: body.apiKey });
  expect(response.status).toBe(200);
  return response.body.items;
}

it('without JavaScript: uploads 6 good and 3 bad rows, lists each rejected row, saves and processes the good ones once, even uploaded twice', async () => {
  const { context, page, problems } = await newContext(browser, stack, { javaScriptEnabled: false });
  await signIn(page, stack, riverside.email);
  await chooseAndUpload(page, 'riverside-complaints.csv', MIXED_CSV);
  await page.waitForURL(UPLOAD_PAGE);
  const uploadUrl = new URL(page.url()).pathname;
  await refreshUntilFinished(page);

  expect(await page.locator('.govuk-caption-l').innerText()).toBe('riverside-complaints.csv');
  expect(await summaryFigures(page)).toEqual({ 'Rows in the file': '9', Saved: '6', 'Not saved': '3' });
  expect(await page.locator('table caption').innerText()).toBe('Rows not saved, with the column and the reason');
  expect(await tableRows(page)).toEqual(REJECTED_TABLE);

  await page.getByRole('link', { name: 'View the 6 saved complaints' }).click();
  await page.getByRole('heading', { level: 1, name: 'Complaints saved from riverside-complaints.csv' }).waitFor();
  const saved = await savedLinks(page);
  expect(saved.map((link) => link.reference)).toEqual(GOOD_REFERENCES);
  expect(await page.locator('table tbody tr th').allInnerTexts()).toEqual(['2', '3', '5', '7', '9', '10']);

  // axe needs JavaScript: the same session in a context with it, on the same two pages.
  const withScript = await newContext(browser, stack);
  await withScript.context.addCookies(await context.cookies());
  await withScript.page.goto(uploadUrl);
  expect(await tableRows(withScript.page)).toEqual(REJECTED_TABLE);
  await expectAccessible(withScript.page);
  await saveScreenshot(withScript.page, 'upload-finished');
  await withScript.page.goto(`${uploadUrl}/accepted`);
  await expectAccessible(withScript.page);
  expect(withScript.problems).toEqual([]);
  await withScript.context.close();

  // Through the API with the body's own key: exactly these six, under the ids the page links to, processed by the worker.
  const ids = saved.map((link) => link.href.replace('/complaints/', ''));
  const processed = await stack.stack.waitFor(async () => {
    const items = await apiComplaints(riverside);
    return items.length === 6 && items.every((item) => item.status === 'processed') && items;
  }, 'the six uploaded complaints to be processed', 45_000);
  expect(processed.map((item) => item.reference).sort()).toEqual(GOOD_REFERENCES);
  expect(processed.map((item) => item.id).sort()).toEqual([...ids].sort());

  // The same file again: the same six records, nothing new and nothing processed again.
  await chooseAndUpload(page, 'riverside-complaints.csv', MIXED_CSV);
  await page.waitForURL(UPLOAD_PAGE);
  expect(new URL(page.url()).pathname).not.toBe(uploadUrl);
  await refreshUntilFinished(page);
  expect(await summaryFigures(page)).toEqual({ 'Rows in the file': '9', Saved: '6', 'Not saved': '3' });
  await page.getByRole('link', { name: 'View the 6 saved complaints' }).click();
  expect((await savedLinks(page)).map((link) => link.href)).toEqual(saved.map((link) => link.href));
  const after = await apiComplaints(riverside);
  expect(after.map((item) => [item.id, item.status]).sort()).toEqual(processed.map((item) => [item.id, 'processed']).sort());

  // Both uploads are audited under the contact, with counts only.
  const audit = await stack.api.get<{ items: Array<{ action: string; actorKind: string; subjectId: string; detail: Record<string, number> }> }>(
    `/v1/audit?organisationId=${riverside.organisationId}&action=complaint.upload-finished`,
    { token: stack.adminToken },
  );
  expect(audit.body.items.map((item) => [item.actorKind, item.detail])).toEqual([
    ['contact', { rows: 9, accepted: 6, rejected: 3 }],
    ['contact', { rows: 9, accepted: 6, rejected: 3 }],
  ]);

  // The result lives in Redis, not in the web process: another web app instance (as after a restart) shows it.
  const cookie = (await context.cookies()).find((c) => c.name === 'clp_session')!;
  const secondWeb = await stack.startExtraWeb({});
  const elsewhere = await fetch(`${secondWeb}${uploadUrl}`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
  expect(elsewhere.status).toBe(200);
  const html = await elsewhere.text();
  expect(html).toContain('Your file has been processed');
  expect(html).toContain('receivedAt must be an ISO 8601 date');

  // Another body cannot see this upload in any form.
  const other = await newContext(browser, stack, { javaScriptEnabled: false });
  await signIn(other.page, stack, harbour.email);
  for (const path of [uploadUrl, `${uploadUrl}/status`, `${uploadUrl}/accepted`]) {
    const response = await other.page.goto(path);
    expect(response!.status()).toBe(404);
  }
  expect(await apiComplaints(harbour)).toEqual([]);
  await other.context.close();

  expect(problems).toEqual([]);
  await context.close();
}, 90_000);

it('refuses a missing, non-CSV, empty or header-only file with a GOV.UK error, and a form without its CSRF token with 403', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, 'sam@riverside.example');
  await page.goto('/complaints/upload');
  await page.getByRole('heading', { level: 1, name: 'Upload complaints from a CSV file' }).waitFor();
  expect(await page.locator('#file-hint').innerText()).toBe('The file must be a CSV, smaller than 16 MB, with at most 10,000 rows of complaints.');
  await expectAccessible(page);
  await saveScreenshot(page, 'upload-form');

  await page.getByRole('button', { name: 'Upload file' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary a').innerText()).toBe('Select a CSV file');
  expect(await page.title()).toBe('Error: Upload complaints from a CSV file – Complaint learning');

  const refusals: Array<[string, string | Buffer, string]> = [
    ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'The selected file must be a CSV'],
    ['renamed.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), 'The selected file must be a CSV'],
    ['empty.csv', '', 'The selected file is empty'],
    ['header-only.csv', `${HEADER}\n`, 'The selected file has a header row but no complaints'],
    [
      'wrong-columns.csv',
      'reference,case,date,outcome,outcome\nA,B,2026-01-01,upheld,upheld\n',
      'The first row of the selected file must name the columns: “case” and “date” are not known columns; “outcome” appears more than once; ' +
        'the required columns “receivedAt”, “serviceArea” and “summary” are missing',
    ],
  ];
  for (const [name, content, message] of refusals) {
    await chooseAndUpload(page, name, content);
    await page.locator('.govuk-error-summary').waitFor();
    expect(new URL(page.url()).pathname).toBe('/complaints/upload');
    expect(await page.locator('.govuk-error-summary a').innerText()).toBe(message);
    expect(await page.locator('#file-error').innerText()).toBe(`Error:\n${message}`);
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#file');
  }
  await expectAccessible(page);
  await saveScreenshot(page, 'upload-error');

  // An upload whose processing stopped (the web app died mid-way) says so once it has been silent for a minute.
  const redis = new Redis(stack.config.redisUrl);
  const store = new UploadProgressStore(redis, stack.config);
  const twoMinutesAgo = Date.now() - 120_000;
  const stopped = await store.create(riverside.organisationId, 'stopped.csv', 400, twoMinutesAgo);
  await store.recordChunk(riverside.organisationId, stopped.id, [{ index: 0, reference: 'UP-1', id: '00000000-0000-4000-8000-000000000001' }], [{ index: 1, details: [{ field: 'outcome', message: 'outcome must be one of the following values: upheld' }] }], twoMinutesAgo);
  redis.disconnect();
  await page.goto(`/complaints/upload/${stopped.id}`);
  await page.getByRole('heading', { level: 1, name: 'Processing stopped before the end of your file' }).waitFor();
  expect(await page.locator('.govuk-warning-text__text').innerText()).toBe('Warning\nProcessing stopped after 2 of 400 rows. The 1 saved so far are kept.');
  expect(await summaryFigures(page)).toEqual({ 'Rows in the file': '400', Saved: '1', 'Not saved': '1' });
  expect(await tableRows(page)).toEqual([['3', 'outcome', 'outcome must be one of the following values: upheld']]);
  await expectAccessible(page);

  // The token travels as the form's first part; without it, forged, or after the file: 403.
  await page.goto('/complaints/upload');
  const token = await page.locator('input[name="_csrf"]').first().inputValue();
  const file = { name: 'complaints.csv', mimeType: 'text/csv', buffer: Buffer.from(MIXED_CSV) };
  const post = (multipart: Record<string, string | typeof file>) => page.request.post('/complaints/upload', { multipart, maxRedirects: 0 });
  expect((await post({ file })).status()).toBe(403);
  expect((await post({ _csrf: 'forged-token', file })).status()).toBe(403);
  expect((await post({ file, _csrf: token })).status()).toBe(403);
  const accepted = await post({ _csrf: token, file });
  expect(accepted.status()).toBe(303);
  expect(accepted.headers().location).toMatch(UPLOAD_PAGE);

  expect(problems).toEqual([]);
  await context.close();
}, 60_000);

it('with JavaScript: a 5,000-row file shows its progress moving and the page turns to the result without a reload', async () => {
  const big = await stack.createOrganisationWithContact('kim@bigcity.example', { name: 'Big City Council', sector: 'local-government', type: 'Council' });
  const rows = Array.from({ length: 5_000 }, (_, i) => `BIG-${i + 1},2026-08-01,Housing repairs,Complaint number ${i + 1} about a repair that was delayed,upheld,`);
  rows[1_233] = 'BIG-1234,2026-08-01,Housing repairs,Too short,upheld,';
  // Repeats of row 2's reference in later chunks: changed content is refused as in one API batch, the same content is the same record.
  rows[4_000] = 'BIG-1,2026-08-01,Housing repairs,A different account of the first complaint in this file,upheld,';
  rows[4_500] = rows[0];
  const csv = [HEADER, ...rows].join('\n');

  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, big.email);
  await chooseAndUpload(page, 'big-export.csv', csv);
  await page.waitForURL(UPLOAD_PAGE);
  const uploadUrl = new URL(page.url()).pathname;
  await page.getByRole('heading', { level: 1, name: 'Your file is being processed' }).waitFor();
  await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
  expect(await page.locator('#upload-figures').getAttribute('aria-live')).toBe('polite');
  await expectAccessible(page);

  // The figures move while the rows are stored: sample what the page shows until it finishes.
  const partial: number[] = [];
  await stack.stack.waitFor(async () => {
    // Read without waiting: the figure is gone once the result has replaced it.
    const [text] = await page.locator('[data-upload-figure="done"]').evaluateAll((figures) => figures.map((figure) => figure.textContent ?? ''));
    const done = text === undefined ? 0 : Number(text.replace(/,/g, ''));
    if (done > 0 && done < 5_000 && partial.push(done) === 1) await saveScreenshot(page, 'upload-progress');
    return (await page.getByRole('heading', { level: 1, name: 'Your file has been processed' }).count()) === 1;
  }, 'the page to show the result', 60_000);
  expect(partial.length).toBeGreaterThan(0);

  expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(new URL(page.url()).pathname).toBe(uploadUrl);
  expect(await page.title()).toBe('Your file has been processed – Complaint learning');
  expect(await page.locator('#upload-announcement').innerText()).toBe('Processing finished: 4998 saved, 2 not saved.');
  expect(await summaryFigures(page)).toEqual({ 'Rows in the file': '5,000', Saved: '4,998', 'Not saved': '2' });
  expect(await tableRows(page)).toEqual([
    ['1235', 'summary', 'summary must be longer than or equal to 20 characters'],
    ['4002', 'reference', 'repeats the reference of item 0 with different content'],
  ]);
  await expectAccessible(page);

  // 100 saved rows a page.
  await page.getByRole('link', { name: 'View the 4,998 saved complaints' }).click();
  expect(await page.locator('table tbody tr').count()).toBe(100);
  const firstRow = (await savedLinks(page))[0];
  expect(firstRow.reference).toBe('BIG-1');
  await page.getByRole('link', { name: 'Next' }).click();
  expect(await page.locator('table tbody tr th').first().innerText()).toBe('102');
  await page.goto(`${uploadUrl}/accepted?page=45`);
  const repeated = (await savedLinks(page)).find((link) => link.reference === 'BIG-1');
  expect(repeated?.href).toBe(firstRow.href);
  // 4,998 rows saved, 4,997 records: the repeat with the same content is the same complaint.
  const stored = await stack.stack.db.query('SELECT count(*)::int AS n FROM complaint WHERE organisation_id = $1', [big.organisationId]);
  expect(stored.rows[0].n).toBe(4_997);

  expect(problems).toEqual([]);
  await context.close();
}, 120_000);
