import { Queue } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { JobName, QueueName, redisOptionsFromUrl } from '@app/contracts';
import { complaintRecord, createContact, createOrganisation } from '../support/fixtures';
import { expectAccessible, launchBrowser, newContext, saveScreenshot, signIn, signInAsOperator } from './support/browser';
import { WebTestStack } from './support/web-stack';

const stack = new WebTestStack({ web: { viewerRecheckMs: 0 } });
let browser: Browser;
let reference = 0;

beforeAll(async () => {
  [browser] = await Promise.all([launchBrowser(), stack.start()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack.stop();
});

/** Tries to submit a complaint with `apiKey`; the answer, for tests of whether a key is accepted. */
function submitComplaint(apiKey: string) {
  reference += 1;
  return stack.api.post('/v1/complaints', { token: apiKey, body: complaintRecord({ reference: `ADMIN-${reference}` }) });
}

async function auditActions(subjectId: string): Promise<Array<{ actor_kind: string; action: string }>> {
  const result = await stack.stack.db.query(`SELECT actor_kind, action FROM audit_event WHERE subject_id = $1 ORDER BY id`, [subjectId]);
  return result.rows;
}

async function operatorPage(options: { javaScriptEnabled?: boolean } = {}) {
  const opened = await newContext(browser, stack, options);
  // A step that cannot happen fails in seconds with what it waited for, instead of at Jest's timeout.
  opened.page.setDefaultTimeout(10_000);
  await signInAsOperator(opened.page, stack);
  return opened;
}

async function headingText(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

it('refuses the console and the queue dashboard to everyone but the operator', async () => {
  // Signed out: pages redirect to sign-in, the dashboard's API answers 401 without reading a queue.
  const consolePage = await fetch(`${stack.webUrl}/admin/organisations`, { redirect: 'manual' });
  expect(consolePage.status).toBe(303);
  expect(consolePage.headers.get('location')).toBe('/sign-in?next=%2Fadmin%2Forganisations');
  const api = await fetch(`${stack.webUrl}/admin/queues/api/queues`);
  expect(api.status).toBe(401);
  const page = await fetch(`${stack.webUrl}/admin/queues`, { redirect: 'manual' });
  expect(page.status).toBe(303);
  expect(page.headers.get('location')).toBe('/sign-in?next=%2Fadmin%2Fqueues');
  const asset = await fetch(`${stack.webUrl}/admin/queues/static/favicon-32x32.png`);
  expect(asset.status).toBe(401);

  const body = await stack.createOrganisationWithContact('sam@riverside-admin.example', { name: 'Riverside NHS Trust' });
  const ombudsman = await stack.createOrganisationWithContact('alex@ombudsman-admin.example', { name: 'The Ombudsman', kind: 'ombudsman' });
  for (const contact of [body, ombudsman]) {
    const { context, page: tab } = await newContext(browser, stack);
    await signIn(tab, stack, contact.email);
    for (const path of ['/admin', '/admin/organisations', '/admin/routing-rules', '/admin/queues', '/admin/queues/queue/complaints']) {
      const response = await tab.goto(path);
      expect([path, response?.status()]).toEqual([path, 403]);
      expect(await headingText(tab)).toBe('You cannot see this page');
    }
    const queues = await tab.request.get('/admin/queues/api/queues');
    expect(queues.status()).toBe(403);
    await context.close();
  }
});

it('shows the operator the console, under the strict CSP', async () => {
  const { context, page, problems } = await operatorPage();
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(200);
  expect(await headingText(page)).toBe('Admin console');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
  expect(csp).toMatch(/style-src 'self' 'nonce-[0-9a-f]+'/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('style-src-attr');
  expect(await page.getByRole('link', { name: 'Open the queue dashboard' }).getAttribute('href')).toBe('/admin/queues');
  expect(await page.getByRole('link', { name: 'Organisations' }).count()).toBe(1);
  expect(await page.getByRole('link', { name: 'Routing rules' }).count()).toBe(1);
  await expectAccessible(page);
  await saveScreenshot(page, 'admin-home');
  expect(problems).toEqual([]);
  await context.close();
});

it('creates an organisation without JavaScript: errors first, then its key once, which works on the API', async () => {
  const { context, page, problems } = await operatorPage({ javaScriptEnabled: false });
  await page.goto('/admin/organisations/new');
  await page.getByRole('button', { name: 'Add organisation' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.title()).toBe('Error: Add an organisation – Complaint learning');
  expect(await page.locator('.govuk-error-summary__list li').allInnerTexts()).toEqual([
    'Enter the organisation’s name',
    'Select whether it is a public body or the Ombudsman',
    'Select the sector',
  ]);
  expect(await page.locator('#name-error').innerText()).toContain('Enter the organisation’s name');

  await page.getByRole('textbox', { name: 'Name' }).fill('Harbour Borough Council');
  await page.getByLabel('Public body').check();
  await page.getByLabel('Sector').selectOption('local-government');
  await page.getByLabel('Type (optional)').fill('Council');
  await page.getByLabel('Region (optional)').fill('South West');
  await page.getByRole('button', { name: 'Add organisation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Organisation added' }).waitFor();
  const apiKey = (await page.locator('#api-key').innerText()).trim();
  expect(apiKey).toMatch(/^clp_[A-Za-z0-9_-]{32}$/);
  expect(await page.locator('.govuk-warning-text').innerText()).toContain('It will not be shown again');
  await saveScreenshot(page, 'admin-key-issued');
  const organisationId = /\/admin\/organisations\/([0-9a-f-]{36})\/key$/.exec(page.url())?.[1] ?? '';
  expect(organisationId).not.toBe('');

  // Shown once: the same page again has no key on it.
  await page.reload();
  expect(await headingText(page)).toBe('This key is no longer shown');
  expect(await page.content()).not.toContain(apiKey);

  expect((await submitComplaint(apiKey)).status).toBe(202);
  expect(await auditActions(organisationId)).toEqual([{ actor_kind: 'admin', action: 'organisation.create' }]);
  const listed = await stack.api.get<{ items: Array<{ id: string; name: string; region: string; type: string }> }>('/v1/organisations?kind=public-body', { token: stack.adminToken });
  expect(listed.body.items.find((item) => item.id === organisationId)).toMatchObject({ name: 'Harbour Borough Council', type: 'Council', region: 'South West' });
  expect(problems).toEqual([]);
  await context.close();
});

it('lists organisations with the kind and sector filters', async () => {
  await createOrganisation(stack.api, stack.adminToken, { name: 'Zeal Ombudsman Office', kind: 'ombudsman' });
  const { context, page, problems } = await operatorPage();
  // The creation form and its error summary, with JavaScript (axe needs it; the no-JS flow is above).
  await page.goto('/admin/organisations/new');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add organisation' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await expectAccessible(page);

  await page.goto('/admin/organisations');
  const names = await page.locator('tbody tr th, tbody tr td:first-child').allInnerTexts();
  expect(names).toContain('Zeal Ombudsman Office');
  expect(names).toContain('Riverside NHS Trust');
  await expectAccessible(page);
  await saveScreenshot(page, 'admin-organisations');

  await page.getByLabel('Kind').selectOption('ombudsman');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL((url) => url.searchParams.get('kind') === 'ombudsman');
  const filtered = await page.locator('tbody tr td:first-child').allInnerTexts();
  expect(filtered).toContain('Zeal Ombudsman Office');
  expect(filtered).not.toContain('Riverside NHS Trust');
  expect(await page.locator('caption').innerText()).toBe('Organisations matching the filter, by name');

  // 51 social care bodies: two pages of 50 and 1, the filter kept on the next page's link.
  const bulk = Array.from({ length: 51 }, (_, i) => `Care provider ${String(i + 1).padStart(2, '0')}`);
  for (let i = 0; i < bulk.length; i += 17) {
    await Promise.all(bulk.slice(i, i + 17).map((name) => createOrganisation(stack.api, stack.adminToken, { name, sector: 'social-care' })));
  }
  await page.goto('/admin/organisations?sector=social-care');
  const first = await page.locator('tbody tr td:first-child').allInnerTexts();
  expect(first.length).toBe(50);
  expect(first[0]).toBe('Care provider 01');
  expect(first[49]).toBe('Care provider 50');
  await page.getByRole('link', { name: /More organisations/ }).click();
  await page.waitForURL((url) => url.searchParams.has('cursor'));
  expect(new URL(page.url()).searchParams.get('sector')).toBe('social-care');
  expect(await page.locator('tbody tr td:first-child').allInnerTexts()).toEqual(['Care provider 51']);
  expect(await page.getByRole('link', { name: /More organisations/ }).count()).toBe(0);
  await expectAccessible(page);
  expect(problems).toEqual([]);
  await context.close();
});

it('issues a new key and revokes the old one, which the API refuses straight away', async () => {
  const organisation = await createOrganisation(stack.api, stack.adminToken, { name: 'Northgate Hospitals NHS Trust' });
  // Used once first, so ingest holds it in its key cache: the revocation must evict it.
  expect((await submitComplaint(organisation.apiKey)).status).toBe(202);
  const { context, page, problems } = await operatorPage();
  await page.goto(`/admin/organisations/${organisation.id}`);
  expect(await headingText(page)).toBe('Northgate Hospitals NHS Trust');
  await expectAccessible(page);
  await saveScreenshot(page, 'admin-organisation');

  await page.getByRole('button', { name: 'Issue a new key' }).click();
  await page.getByRole('heading', { level: 1, name: 'API key issued' }).waitFor();
  await expectAccessible(page);
  const newKey = (await page.locator('#api-key').innerText()).trim();
  expect(newKey).not.toBe(organisation.apiKey);
  await page.getByRole('link', { name: 'Go to Northgate Hospitals NHS Trust' }).click();

  const oldPrefix = organisation.apiKey.slice(0, 10);
  expect(await page.locator('tbody tr').count()).toBe(2);
  await page.getByRole('link', { name: `Revoke key ${oldPrefix}` }).click();
  expect(await headingText(page)).toBe(`Revoke key ${oldPrefix}…?`);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Revoke key' }).click();
  await page.locator('.govuk-notification-banner--success').waitFor();
  expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(`Key ${oldPrefix}… is revoked`);

  const refused = await submitComplaint(organisation.apiKey);
  expect(refused.status).toBe(401);
  expect((await submitComplaint(newKey)).status).toBe(202);
  const rows = await page.locator('tbody tr').allInnerTexts();
  expect(rows[0]).toContain('Revoked');
  expect(rows[1]).toContain('Active');
  const keys = await stack.stack.db.query(`SELECT id FROM api_key WHERE organisation_id = $1 ORDER BY created_at`, [organisation.id]);
  expect(await auditActions(keys.rows[1].id)).toEqual([{ actor_kind: 'admin', action: 'api-key.issue' }]);
  expect(await auditActions(keys.rows[0].id)).toEqual([{ actor_kind: 'admin', action: 'api-key.revoke' }]);
  expect(problems).toEqual([]);
  await context.close();
});

it('suspends an organisation (its key refused, its contact cannot sign in) and reinstates it', async () => {
  const organisation = await createOrganisation(stack.api, stack.adminToken, { name: 'Eastfield Community Health' });
  const contact = await createContact(stack.api, stack.adminToken, organisation.id, { name: 'Kim Lee', email: 'kim@eastfield-admin.example' });
  expect((await submitComplaint(organisation.apiKey)).status).toBe(202);
  const { context: contactContext, page: contactPage } = await newContext(browser, stack);
  await signIn(contactPage, stack, contact.email);

  const { context, page, problems } = await operatorPage();
  await page.goto(`/admin/organisations/${organisation.id}`);
  await page.getByRole('link', { name: 'Suspend Eastfield Community Health' }).click();
  expect(await headingText(page)).toBe('Suspend Eastfield Community Health?');
  expect(await page.locator('main').innerText()).toContain('holds its complaints already received, unprocessed, until it is reinstated');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Suspend organisation' }).click();
  await page.locator('.govuk-notification-banner--success').waitFor();
  expect(await page.locator('.govuk-summary-list').innerText()).toContain('Suspended');

  const refused = await submitComplaint(organisation.apiKey);
  expect(refused.status).toBe(403);
  // The signed-in contact is signed out on the next page; signing in again sends no link.
  await contactPage.goto('/');
  await contactPage.waitForURL((url) => url.pathname === '/sign-in');
  const mailsBefore = stack.signInMails(contact.email).length;
  await contactPage.getByLabel('Email address').fill(contact.email);
  await contactPage.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await contactPage.getByRole('heading', { name: 'Check your email' }).waitFor();
  await stack.signInMailSettled();
  expect(stack.signInMails(contact.email).length).toBe(mailsBefore);

  await page.getByRole('link', { name: 'Reinstate Eastfield Community Health' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Reinstate organisation' }).click();
  await page.locator('.govuk-notification-banner--success').waitFor();
  expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Eastfield Community Health is reinstated');
  expect((await submitComplaint(organisation.apiKey)).status).toBe(202);
  expect(await auditActions(organisation.id)).toEqual([
    { actor_kind: 'admin', action: 'organisation.create' },
    { actor_kind: 'admin', action: 'organisation.suspend' },
    { actor_kind: 'admin', action: 'organisation.reinstate' },
  ]);
  expect(problems).toEqual([]);
  await contactContext.close();
  await context.close();
});

it('creates and deletes a routing rule, with the shared validator’s errors', async () => {
  await createOrganisation(stack.api, stack.adminToken, { name: 'Westbrook Council' });
  const { context, page, problems } = await operatorPage();
  await page.goto('/admin/routing-rules/new');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary__list li').allInnerTexts()).toEqual(['Enter a name for the rule', 'Select when they are told', 'Select who is told']);
  await expectAccessible(page);

  // Chosen organisations, but none chosen: the validator's target.organisationIds problem, on its field.
  await page.getByRole('textbox', { name: 'Name' }).fill('Serious safeguarding to the Ombudsman');
  await page.getByRole('radio', { name: 'The contacts of chosen organisations' }).check();
  await page.getByLabel('Straight away (an alert email)').check();
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary__list li').allInnerTexts()).toEqual(['Select at least one organisation to tell']);
  expect(await page.locator('#targetOrganisationIds-error').innerText()).toContain('Select at least one organisation to tell');
  expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Serious safeguarding to the Ombudsman');

  await page.getByLabel('Safeguarding').check();
  await page.getByLabel('High or above').check();
  await page.getByRole('radio', { name: 'The Ombudsman', exact: true }).check();
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.locator('.govuk-notification-banner--success').waitFor();
  expect(await headingText(page)).toBe('Routing rules');
  const row = page.locator('tbody tr', { hasText: 'Serious safeguarding to the Ombudsman' });
  expect(await row.innerText()).toContain('Themes: Safeguarding');
  await expectAccessible(page);
  await saveScreenshot(page, 'admin-routing-rules');

  const rules = await stack.api.get<Array<{ id: string; name: string; match: unknown; target: unknown; mode: string; includeBodyName: boolean }>>('/v1/routing-rules', { token: stack.adminToken });
  const created = rules.body.find((rule) => rule.name === 'Serious safeguarding to the Ombudsman');
  expect(created).toMatchObject({ match: { themes: ['safeguarding'], minSeverity: 'high' }, target: { kind: 'ombudsman' }, mode: 'immediate', includeBodyName: false });

  await row.getByRole('link', { name: /Delete/ }).click();
  expect(await headingText(page)).toBe('Delete the rule “Serious safeguarding to the Ombudsman”?');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Delete rule' }).click();
  await page.locator('.govuk-notification-banner--success').waitFor();
  expect(await page.locator('tbody tr', { hasText: 'Serious safeguarding to the Ombudsman' }).count()).toBe(0);
  const after = await stack.api.get<Array<{ id: string }>>('/v1/routing-rules', { token: stack.adminToken });
  expect(after.body.map((rule) => rule.id)).not.toContain(created!.id);
  expect(await auditActions(created!.id)).toEqual([
    { actor_kind: 'admin', action: 'routing-rule.create' },
    { actor_kind: 'admin', action: 'routing-rule.delete' },
  ]);
  expect(problems).toEqual([]);
  await context.close();
});

it('lets the operator retry a failed job on the queue dashboard, and refuses cross-site changes', async () => {
  const queue = new Queue(QueueName.Reviews, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
  try {
    // A payload the worker refuses: one attempt, kept in the failed set.
    const job = await queue.add(JobName.ApplyReview, { complaintId: 'not-a-complaint', revision: 1 }, { attempts: 1, removeOnFail: false, removeOnComplete: true });
    await stack.stack.waitFor(async () => (await job.getState()) === 'failed' || undefined, 'the job to fail', 10_000);
    // Paused, so the retried job waits instead of failing again at once.
    await queue.pause();

    const { context, page, problems } = await operatorPage();
    const response = await page.goto('/admin/queues/queue/reviews?status=failed');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("style-src-elem 'self' 'unsafe-inline'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'(;|$)/);
    // The failed job's card with the worker's reason.
    await page.getByText(/invalid apply-review payload/).first().waitFor();
    await saveScreenshot(page, 'admin-queues');

    // Cross-site attempts with the operator's own cookies and even a valid token are refused.
    const cookies = await context.cookies();
    const cookieHeader = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const xsrf = cookies.find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
    expect(xsrf).not.toBe('');
    const retryAll = `${stack.webUrl}/admin/queues/api/queues/reviews/retry/failed`;
    const put = (headers: Record<string, string>) => fetch(retryAll, { method: 'PUT', headers: { cookie: cookieHeader, 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await put({ origin: 'https://evil.example', 'x-xsrf-token': xsrf })).status).toBe(403);
    expect((await put({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example', 'x-xsrf-token': xsrf })).status).toBe(403);
    expect((await put({ origin: stack.webUrl })).status).toBe(403);
    expect(await job.getState()).toBe('failed');

    // The operator retries it through bull-board's own UI (its fetch carries the token).
    await page.getByRole('button', { name: 'Retry all' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await stack.stack.waitFor(async () => (await job.getState()) !== 'failed' || undefined, 'the job to leave the failed set', 10_000);
    expect(await queue.getFailedCount()).toBe(0);
    expect(['waiting', 'paused', 'prioritized']).toContain(await job.getState());
    expect(problems.filter((problem) => !problem.includes('fonts.googleapis.com'))).toEqual([]);
    await job.remove();
    await queue.resume();
    await context.close();
  } finally {
    await queue.close();
  }
});
