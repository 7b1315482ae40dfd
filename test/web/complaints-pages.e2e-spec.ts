import type { Browser, Page } from 'playwright-core';
import { complaintRecord, submitComplaints, type CreatedContact } from '../support/fixtures';
import { expectAccessible, launchBrowser, newContext, saveScreenshot, signIn } from './support/browser';
import { WebTestStack, type ContactWithApiKey } from './support/web-stack';

interface ComplaintView {
  classification: { source: string; severity: string; themes: Array<{ id: string }> } | null;
  review: { themes: string[]; severity: string; reviewer: { contactId: string | null } } | null;
}

/**
 * The complaints pages through real Chromium on the real apps: complaints are submitted through
 * the API and processed by the real worker (redaction, classifier, dedup, routing), so the
 * themes, severities and evidence are the classifier's own.
 */
const stack = new WebTestStack();
let browser: Browser;
let riverside: ContactWithApiKey;
let harbour: ContactWithApiKey;
let ombudsman: CreatedContact;
const ids: Record<string, string> = {};

/** Submits one record and notes its id under its reference. */
async function submit(apiKey: string, reference: string, receivedAt: string, serviceArea: string, summary: string): Promise<void> {
  [ids[reference]] = await submitComplaints(stack.api, apiKey, [complaintRecord({ reference, receivedAt, serviceArea, summary })]);
}

/** The references in the list's table, top to bottom. */
async function listed(page: Page): Promise<string[]> {
  return page.locator('table.app-complaints-table tbody th[scope=row]').allInnerTexts();
}

async function apiView(id: string): Promise<ComplaintView> {
  const response = await stack.api.get<ComplaintView>(`/v1/complaints/${id}`, { token: riverside.apiKey });
  expect(response.status).toBe(200);
  return response.body;
}

beforeAll(async () => {
  [browser] = await Promise.all([launchBrowser(), stack.start()]);
  riverside = await stack.createOrganisationWithContact('sam@riverside.example', { name: 'Riverside NHS Trust', kind: 'public-body', sector: 'health', contactName: 'Sam Jones' });
  harbour = await stack.createOrganisationWithContact('alex@harbour.example', { name: 'Harbour Council', kind: 'public-body', sector: 'local-government', contactName: 'Alex Reed' });
  ombudsman = await stack.createOrganisationWithContact('kim@ombudsman.example', { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other', contactName: 'Kim Lee' });
  await submit(riverside.apiKey, 'RS-001', '2026-03-02T10:00:00Z', 'Ward 7', 'The ward nurse was rude and dismissive when my father asked for help, and nobody apologised for her behaviour.');
  await submit(riverside.apiKey, 'RS-002', '2026-03-09T10:00:00Z', 'Discharge lounge', 'My mother was discharged from hospital at night without her medication and no care package was arranged at home.');
  await submit(riverside.apiKey, 'RS-003', '2026-03-16T10:00:00Z', 'Radiology', 'The family were not told that the scan had been delayed for two weeks and nobody returned their calls.');
  await submit(riverside.apiKey, 'RS-004', '2026-04-06T10:00:00Z', 'Care home liaison', 'Staff failed to notice the bruises on my elderly father in the care home and did not report the neglect to safeguarding.');
  await submit(riverside.apiKey, 'RS-005', '2026-04-13T10:00:00Z', 'Outpatients', 'The GP practice refused to make reasonable adjustments for my autism and would not give me a longer appointment.');
  await submit(harbour.apiKey, 'HB-001', '2026-03-05T10:00:00Z', 'Housing repairs', 'We waited eleven months for a housing repair to the damp bedroom and the council kept cancelling the appointments.');
  await stack.stack.waitForProcessingAndRollup();
  // What the pipeline records when a complaint fails for good.
  await stack.stack.db.query(
    `UPDATE complaint SET status = 'failed', failure_reason = 'classification failed: model unavailable', themes = '{}', severity = NULL, classification = NULL WHERE id = $1`,
    [ids['RS-005']],
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack.stop();
});

it('lists a body’s own complaints, newest received first, never another body’s, each filter narrowing the list', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, riverside.email);
  await page.goto('/complaints');
  await page.getByRole('heading', { level: 1, name: 'Complaints' }).waitFor();
  expect(await listed(page)).toEqual(['RS-005', 'RS-004', 'RS-003', 'RS-002', 'RS-001']);
  expect(await page.locator('main').innerText()).not.toContain('HB-001');
  expect(await page.getByRole('columnheader', { name: 'Organisation' }).count()).toBe(0);
  await expectAccessible(page);
  await saveScreenshot(page, 'complaints-list');

  // The theme filter through the form itself: a GET, so the URL can be shared.
  await page.getByLabel('Theme').selectOption({ label: 'Staff attitude' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/theme=staff-attitude/);
  expect(await listed(page)).toEqual(['RS-001']);
  await page.goto('/complaints?theme=social-care');
  expect(await listed(page)).toEqual(['RS-004', 'RS-002']);

  await page.goto('/complaints?status=failed');
  expect(await listed(page)).toEqual(['RS-005']);
  expect(await page.locator('table.app-complaints-table').innerText()).toContain('classification failed: model unavailable');
  expect(await page.locator('.govuk-tag', { hasText: 'Failed' }).count()).toBe(1);

  await page.goto('/complaints?severity=high');
  expect(await listed(page)).toEqual(['RS-002']);
  await page.goto('/complaints?from-day=1&from-month=3&from-year=2026&to-day=9&to-month=3&to-year=2026');
  expect(await listed(page)).toEqual(['RS-002', 'RS-001']);
  await page.goto('/complaints?serviceArea=radiology');
  expect(await listed(page)).toEqual(['RS-003']);
  await page.goto('/complaints?reference=rs-003');
  expect(await listed(page)).toEqual(['RS-003']);
  await page.goto('/complaints?reference=HB-001');
  expect(await listed(page)).toEqual([]);
  await page.getByRole('heading', { name: 'No complaints found' }).waitFor();

  const bad = await page.goto('/complaints?from-day=31&from-month=2&from-year=2026&theme=nonsense');
  expect(bad?.status()).toBe(400);
  expect(await page.locator('.govuk-error-summary').innerText()).toContain('Received from must be a real date');
  expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select a theme from the list');
  expect(await page.title()).toMatch(/^Error: Complaints/);
  await expectAccessible(page);
  expect(problems).toEqual([]);
  await context.close();
});

it('walks every complaint once through Next, and back through Previous', async () => {
  const { context, page } = await newContext(browser, stack);
  await signIn(page, stack, 'sam@riverside.example');
  await page.goto('/complaints?limit=2');
  const forward: string[][] = [await listed(page)];
  while ((await page.getByRole('link', { name: /Next/ }).count()) > 0) {
    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForLoadState();
    forward.push(await listed(page));
  }
  expect(forward).toEqual([['RS-005', 'RS-004'], ['RS-003', 'RS-002'], ['RS-001']]);
  const backward: string[][] = [];
  while ((await page.getByRole('link', { name: /Previous/ }).count()) > 0) {
    await page.getByRole('link', { name: /Previous/ }).click();
    await page.waitForLoadState();
    backward.push(await listed(page));
  }
  expect(backward).toEqual([['RS-003', 'RS-002'], ['RS-005', 'RS-004']]);
  await context.close();
});

it('shows the case with the evidence highlighted, and another body’s case as not found', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, riverside.email);
  await page.goto(`/complaints/${ids['RS-001']}`);
  await page.getByRole('heading', { level: 1, name: 'Complaint RS-001' }).waitFor();
  const marks = await page.locator('.app-complaints-summary mark').allInnerTexts();
  expect(marks).toEqual(expect.arrayContaining(['rude', 'dismissive']));
  expect(await page.locator('.app-complaints-summary').innerText()).toBe(
    'The ward nurse was rude and dismissive when my father asked for help, and nobody apologised for her behaviour.',
  );
  const themes = await page.locator('table', { hasText: 'Evidence' }).locator('tbody th').allInnerTexts();
  expect(themes).toContain('Staff attitude');
  expect(await page.getByText('model: classifier').count()).toBe(1);
  await expectAccessible(page);
  await saveScreenshot(page, 'complaint-case');

  await page.goto(`/complaints/${ids['RS-005']}`);
  expect(await page.locator('.govuk-warning-text').innerText()).toContain('Processing failed: classification failed: model unavailable');

  // A serious complaint is alerted at once to the body's own contacts (the default rule): named, address withheld.
  await page.goto(`/complaints/${ids['RS-004']}`);
  const routed = page.locator('table', { hasText: 'How' });
  expect(await routed.locator('tbody tr').allInnerTexts()).toEqual([expect.stringContaining('Sam Jones')]);
  expect(await routed.innerText()).toContain('Immediate alert');
  expect(await routed.innerText()).not.toContain('sam@riverside.example');

  const missing = await page.goto(`/complaints/${ids['HB-001']}`);
  expect(missing?.status()).toBe(404);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  expect(await page.locator('main').innerText()).not.toContain('HB-001');
  expect((await page.goto('/complaints/not-a-uuid'))?.status()).toBe(404);
  expect(problems).toEqual([]);
  await context.close();
});

it('corrects the themes and severity through the form, and returns to the model’s labels', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, riverside.email);
  const id = ids['RS-003'];
  expect((await apiView(id)).classification?.source).toBe('model');
  await page.goto(`/complaints/${id}`);

  // Nothing ticked: the GOV.UK error summary names the field, and what was typed stays.
  const ticked = page.locator('input[name=themes]:checked');
  while ((await ticked.count()) > 0) await ticked.first().uncheck();
  await page.getByLabel('Note (optional)').fill('Checked against the file');
  await page.getByRole('button', { name: 'Save corrected labels' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select at least one theme');
  expect(await page.locator('#themes-error').innerText()).toContain('Select at least one theme');
  expect(await page.getByLabel('Note (optional)').inputValue()).toBe('Checked against the file');
  expect(await page.title()).toMatch(/^Error: Complaint RS-003/);
  await expectAccessible(page);
  await saveScreenshot(page, 'complaint-review-error');
  expect((await apiView(id)).review).toBeNull();

  await page.getByLabel('Communication').check();
  await page.getByLabel('Record keeping').check();
  await page.getByLabel('High', { exact: true }).check();
  await page.getByRole('button', { name: 'Save corrected labels' }).click();
  await page.waitForURL(/saved=review/);
  expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('The corrected labels are saved');
  const shown = await page.locator('table', { hasText: 'Evidence' }).locator('tbody th').allInnerTexts();
  expect(shown).toEqual(['Communication', 'Record keeping']);
  expect(await page.getByText('review: corrected by a person').count()).toBe(1);
  const reviewed = await apiView(id);
  expect(reviewed.classification?.source).toBe('review');
  expect(reviewed.classification?.themes.map((theme) => theme.id)).toEqual(['communication', 'record-keeping']);
  expect(reviewed.classification?.severity).toBe('high');
  expect(reviewed.review?.reviewer.contactId).toBe(riverside.id);
  const audit = await stack.stack.db.query(`SELECT actor_kind, actor_id FROM audit_event WHERE action = 'complaint.review.put' AND subject_id = $1`, [id]);
  expect(audit.rows).toEqual([{ actor_kind: 'contact', actor_id: riverside.id }]);

  await page.getByRole('button', { name: 'Return to the model’s labels' }).click();
  await page.waitForURL(/saved=removed/);
  expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('The review is removed');
  const restored = await apiView(id);
  expect(restored.classification?.source).toBe('model');
  expect(restored.review).toBeNull();
  expect(await page.getByText('model: classifier').count()).toBe(1);

  // The form pointed at another body's complaint: refused as if it did not exist, nothing stored.
  await page.locator(`form[action="/complaints/${id}/review"]`).evaluate((form, other) => form.setAttribute('action', `/complaints/${other}/review`), ids['HB-001']);
  await page.getByLabel('Housing').check();
  const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Save corrected labels' }).click()]);
  expect(refused.status()).toBe(404);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  const harbourView = await stack.api.get<ComplaintView>(`/v1/complaints/${ids['HB-001']}`, { token: harbour.apiKey });
  expect(harbourView.body.review).toBeNull();
  expect(problems).toEqual([]);
  await context.close();
});

it('shows the Ombudsman every body’s complaints, with an organisation column and filter', async () => {
  const { context, page, problems } = await newContext(browser, stack);
  await signIn(page, stack, ombudsman.email);
  await page.goto('/complaints');
  expect(await listed(page)).toEqual(['RS-005', 'RS-004', 'RS-003', 'RS-002', 'HB-001', 'RS-001']);
  const harbourRow = page.locator('table.app-complaints-table tbody tr', { hasText: 'HB-001' });
  expect(await harbourRow.innerText()).toContain('Harbour Council');
  await page.getByLabel('Organisation').selectOption({ label: 'Harbour Council' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/organisationId=/);
  expect(await listed(page)).toEqual(['HB-001']);
  await page.getByRole('link', { name: 'HB-001' }).click();
  await page.getByRole('heading', { level: 1, name: 'Complaint HB-001' }).waitFor();
  expect(await page.locator('.govuk-caption-l').innerText()).toBe('Harbour Council');

  // The Ombudsman may correct any body's labels.
  const ticked = page.locator('input[name=themes]:checked');
  while ((await ticked.count()) > 0) await ticked.first().uncheck();
  await page.getByLabel('Housing').check();
  await page.getByRole('button', { name: 'Save corrected labels' }).click();
  await page.waitForURL(/saved=review/);
  const view = await stack.api.get<ComplaintView>(`/v1/complaints/${ids['HB-001']}`, { token: harbour.apiKey });
  expect(view.body.classification?.source).toBe('review');
  expect(view.body.classification?.themes.map((theme) => theme.id)).toEqual(['housing']);
  expect(view.body.review?.reviewer.contactId).toBe(ombudsman.id);
  expect(problems).toEqual([]);
  await context.close();
});

it('works with JavaScript disabled: the filter form is a plain GET', async () => {
  const { context, page } = await newContext(browser, stack, { javaScriptEnabled: false });
  await signIn(page, stack, harbour.email);
  await page.goto('/complaints');
  expect(await listed(page)).toEqual(['HB-001']);
  await page.getByLabel('Status').selectOption({ label: 'Failed' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/status=failed/);
  await page.getByRole('heading', { name: 'No complaints found' }).waitFor();
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForURL((url) => url.search === '');
  expect(await listed(page)).toEqual(['HB-001']);
  await context.close();
});

it('links a duplicate to its original, and another body’s similar case only for the Ombudsman', async () => {
  await submit(riverside.apiKey, 'RS-006', '2026-04-20T10:00:00Z', 'Ward 7', 'The ward nurse was rude and dismissive when my father asked for help, and nobody apologised for her behaviour.');
  await submit(harbour.apiKey, 'HB-002', '2026-04-21T10:00:00Z', 'Radiology', 'The family were not told that the scan had been delayed for two weeks and nobody returned their calls.');
  await stack.stack.waitFor(async () => {
    const counts = await stack.stack.statusCounts();
    return counts.received === undefined && counts.processing === undefined;
  }, 'the two new complaints processed');

  const { context, page } = await newContext(browser, stack);
  await signIn(page, stack, riverside.email);
  await page.goto(`/complaints/${ids['RS-006']}`);
  const links = page.locator('h2:has-text("Duplicates and related cases") + ul');
  await links.getByRole('link', { name: 'RS-001' }).waitFor();
  expect(await links.innerText()).toContain('Duplicate of RS-001');
  await context.close();

  const harbourSide = await newContext(browser, stack);
  await signIn(harbourSide.page, stack, harbour.email);
  await harbourSide.page.goto(`/complaints/${ids['HB-002']}`);
  const seen = harbourSide.page.locator('h2:has-text("Duplicates and related cases") + ul');
  expect(await seen.innerText()).toContain('A case at another body');
  expect(await seen.getByRole('link').count()).toBe(0);
  await harbourSide.context.close();

  const ombudsmanSide = await newContext(browser, stack);
  await signIn(ombudsmanSide.page, stack, ombudsman.email);
  await ombudsmanSide.page.goto(`/complaints/${ids['HB-002']}`);
  const all = ombudsmanSide.page.locator('h2:has-text("Duplicates and related cases") + ul');
  await all.getByRole('link', { name: 'RS-003 (Riverside NHS Trust)' }).waitFor();
  await ombudsmanSide.context.close();
});
