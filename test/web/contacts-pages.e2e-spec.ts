import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { claimedDigest } from '../support/db-fixtures';
import { complaintRecord, createContact, createOrganisation, submitComplaints, type CreatedContact, type CreatedOrganisation } from '../support/fixtures';
import { expectAccessible, launchBrowser, newContext, saveScreenshot, signIn } from './support/browser';
import { WebTestStack } from './support/web-stack';

/**
 * The contacts section in a real Chromium against the real apps: a body's contact manages its
 * own body's contacts through the same repository methods as the JSON API (which the test
 * uses to check what was stored), and previews the digest a contact would get this period.
 */
const stack = new WebTestStack();
let browser: Browser;
let riverside: CreatedOrganisation;
let harbour: CreatedOrganisation;
let sam: CreatedContact;
let priya: CreatedContact;
let maternity: CreatedContact;
let alex: CreatedContact;
/** Sam's signed-in session, reused by every test (one sign-in email, not one per test). */
let signedIn: BrowserContextOptions['storageState'];

type ApiContact = { id: string; name: string; email: string; serviceAreas: string[]; themes: string[]; digest: string; subscribed: boolean };

const contactPath = (contactId: string) => `/v1/organisations/${riverside.id}/contacts/${contactId}`;

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
}

/** The error summary's links: [href, text]. */
async function errorSummary(page: Page): Promise<string[][]> {
  return page.locator('.govuk-error-summary__list a').evaluateAll((links) => links.map((a) => [a.getAttribute('href') ?? '', (a.textContent ?? '').trim()]));
}

/** The contacts table as text, one row per contact: name, email, service areas, themes, digest, status. */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .locator('table.app-contacts-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].slice(0, 6).map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

async function signedInPage(options: BrowserContextOptions = {}) {
  const opened = await newContext(browser, stack, { ...options, storageState: signedIn });
  // A missing element fails the test in seconds, naming what it waited for.
  opened.page.setDefaultTimeout(10_000);
  return opened;
}

beforeAll(async () => {
  [browser] = await Promise.all([launchBrowser(), stack.start()]);
  riverside = await createOrganisation(stack.api, stack.adminToken, { name: 'Riverside NHS Trust', sector: 'health' });
  harbour = await createOrganisation(stack.api, stack.adminToken, { name: 'Harbour Council', sector: 'local-government' });
  sam = await createContact(stack.api, stack.adminToken, riverside.id, { name: 'Sam Jones', email: 'sam@riverside.example' });
  priya = await createContact(stack.api, stack.adminToken, riverside.id, { name: 'Priya Shah', email: 'priya@riverside.example', serviceAreas: ['Cardiology'], digest: 'weekly' });
  maternity = await createContact(stack.api, stack.adminToken, riverside.id, { name: 'Morgan Lee', email: 'morgan@riverside.example', serviceAreas: ['Maternity'], digest: 'daily' });
  alex = await createContact(stack.api, stack.adminToken, harbour.id, { name: 'Alex Brown', email: 'alex@harbour.example', serviceAreas: ['Housing repairs'], digest: 'daily' });
  // Two complaints in Morgan's service area and one outside it, processed while the other tests run.
  await submitComplaints(stack.api, riverside.apiKey, [
    complaintRecord({ reference: 'RIV-MAT-101', serviceArea: 'Maternity' }),
    complaintRecord({
      reference: 'RIV-MAT-102',
      serviceArea: 'Maternity',
      outcome: 'not-upheld',
      summary: 'The midwife never explained the induction plan and the mother went home without the pain relief she had been promised.',
    }),
    complaintRecord({
      reference: 'RIV-ED-201',
      serviceArea: 'Emergency department',
      summary: 'The patient waited eleven hours on a trolley in the corridor before anyone assessed the head injury.',
    }),
  ]);
  await submitComplaints(stack.api, harbour.apiKey, [
    complaintRecord({ reference: 'HAR-HSG-301', serviceArea: 'Housing repairs', summary: 'The damp in the bedroom was reported six times and the repair was never booked.' }),
  ]);

  const { context, page } = await newContext(browser, stack);
  await signIn(page, stack, sam.email);
  signedIn = await context.storageState();
  await context.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack.stop();
});

describe('contacts pages', () => {
  it('lists this body’s contacts only, with their settings, and marks the viewer', async () => {
    const { context, page, problems } = await signedInPage();
    await page.goto('/contacts');
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    expect(await tableRows(page)).toEqual([
      ['Sam Jones (you)', 'sam@riverside.example', 'None', 'None', 'None', 'Subscribed'],
      ['Priya Shah', 'priya@riverside.example', 'Cardiology', 'None', 'Weekly', 'Subscribed'],
      ['Morgan Lee', 'morgan@riverside.example', 'Maternity', 'None', 'Daily', 'Subscribed'],
    ]);
    const text = await mainText(page);
    expect(text).not.toContain('Alex Brown');
    expect(text).not.toContain('alex@harbour.example');
    expect(await page.getByRole('button', { name: 'Add a contact' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Contacts' }).getAttribute('aria-current')).toBeTruthy();
    await expectAccessible(page);
    await saveScreenshot(page, 'contacts-list');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the add form and its error page accessibly, naming each field that is wrong', async () => {
    const { context, page, problems } = await signedInPage();
    await page.goto('/contacts');
    await page.getByRole('button', { name: 'Add a contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a contact' }).waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(20);
    expect(await page.getByRole('radio').count()).toBe(3);
    await expectAccessible(page);
    await saveScreenshot(page, 'contacts-add');

    await page.getByLabel('Name').fill('Jo Evans');
    await page.getByLabel('Email address').fill('jo.evans@@riverside');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toBe('Error: Add a contact – Complaint learning');
    expect(await errorSummary(page)).toEqual([
      ['#email', 'Enter an email address in the correct format, like name@example.org'],
      ['#digest', 'Select how often the contact gets a digest'],
    ]);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('adds a contact without JavaScript: errors first, then the contact is stored, listed and audited', async () => {
    // No page.evaluate here (axe included): with JavaScript off, Chromium runs no script at all.
    const { context, page, problems } = await signedInPage({ javaScriptEnabled: false });
    await page.goto('/contacts');
    await page.getByRole('button', { name: 'Add a contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a contact' }).waitFor();
    await page.getByLabel('Name').fill('Jo Evans');
    await page.getByLabel('Email address').fill('jo.evans@@riverside');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    const links = page.locator('.govuk-error-summary__list a');
    expect([await links.count(), await links.nth(0).getAttribute('href'), await links.nth(1).getAttribute('href')]).toEqual([2, '#email', '#digest']);
    expect(await page.locator('#email-error').innerText()).toContain('Enter an email address in the correct format, like name@example.org');
    expect(await page.locator('#digest-error').innerText()).toContain('Select how often the contact gets a digest');
    // What was typed is kept.
    expect(await page.getByLabel('Name').inputValue()).toBe('Jo Evans');
    expect(await page.getByLabel('Email address').inputValue()).toBe('jo.evans@@riverside');

    await page.getByLabel('Email address').fill('jo.evans@riverside.example');
    await page.getByLabel('Service areas (optional)').fill('Maternity\n\n  Neonatal care  \nmaternity\n');
    await page.getByLabel('Communication').check();
    await page.getByLabel('Safeguarding').check();
    await page.getByLabel('Weekly').check();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.waitForURL(`${stack.webUrl}/contacts`);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Jo Evans was added as a contact');
    const row = (await page.locator('tr', { hasText: 'jo.evans@riverside.example' }).innerText()).replace(/\s+/g, ' ');
    expect(row).toContain('Jo Evans jo.evans@riverside.example Maternity, Neonatal care Communication, Safeguarding Weekly Subscribed');
    // The banner is shown once.
    await page.reload();
    expect(await page.locator('.govuk-notification-banner').count()).toBe(0);

    const listed = await stack.api.get<{ items: ApiContact[] }>(`/v1/organisations/${riverside.id}/contacts`, { token: riverside.apiKey });
    const jo = listed.body.items.find((contact) => contact.email === 'jo.evans@riverside.example');
    expect(jo && { ...jo, id: undefined, createdAt: undefined }).toEqual({
      id: undefined,
      createdAt: undefined,
      name: 'Jo Evans',
      email: 'jo.evans@riverside.example',
      serviceAreas: ['Maternity', 'Neonatal care'],
      themes: ['communication', 'safeguarding'],
      digest: 'weekly',
      subscribed: true,
      unsubscribedAt: null,
    });
    const audit = await stack.api.get<{ items: Array<{ actorKind: string; actorId: string; action: string; subjectId: string; organisationId: string }> }>(
      `/v1/audit?action=contact.add&organisationId=${riverside.id}`,
      { token: stack.adminToken },
    );
    expect(audit.body.items.filter((row) => row.subjectId === jo!.id).map((row) => [row.action, row.actorKind, row.actorId, row.organisationId])).toEqual([
      ['contact.add', 'contact', sam.id, riverside.id],
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('changes themes and digest frequency (the API agrees), and refuses an email another contact has', async () => {
    const { context, page, problems } = await signedInPage();
    await page.goto('/contacts');
    await page.getByRole('link', { name: 'Change Priya Shah' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change Priya Shah’s details' }).waitFor();
    expect(await page.getByLabel('Service areas (optional)').inputValue()).toBe('Cardiology');
    expect(await page.getByLabel('Weekly').isChecked()).toBe(true);
    await expectAccessible(page);

    await page.getByLabel('Delay').check();
    await page.getByLabel('Medication').check();
    await page.getByLabel('Daily').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`${stack.webUrl}/contacts`);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Priya Shah’s details were saved');
    expect((await tableRows(page))[1]).toEqual(['Priya Shah', 'priya@riverside.example', 'Cardiology', 'Medication, Delay', 'Daily', 'Subscribed']);
    const stored = await stack.api.get<ApiContact>(contactPath(priya.id), { token: riverside.apiKey });
    expect([stored.body.themes, stored.body.digest, stored.body.serviceAreas]).toEqual([['medication', 'delay'], 'daily', ['Cardiology']]);

    await page.goto(`/contacts/${priya.id}/edit`);
    await page.getByLabel('Email address').fill('SAM@riverside.example');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await errorSummary(page)).toEqual([
      ['#email', 'Another contact of your organisation already has this email address'],
    ]);
    expect(await page.locator('#email-error').innerText()).toContain('already has this email address');
    expect((await stack.api.get<ApiContact>(contactPath(priya.id), { token: riverside.apiKey })).body.email).toBe('priya@riverside.example');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('removes a contact after an “Are you sure” page, says when an email to them is being sent, and warns before removing yourself', async () => {
    const leaving = await createContact(stack.api, stack.adminToken, riverside.id, { name: 'Casey Moss', email: 'casey@riverside.example', digest: 'none' });
    const { context, page, problems } = await signedInPage();

    await page.goto(`/contacts/${sam.id}/remove`);
    await page.getByRole('heading', { level: 1, name: 'Are you sure you want to remove yourself?' }).waitFor();
    expect(await page.locator('.govuk-warning-text').innerText()).toContain('This is you. You will be signed out straight away');

    // A sender has claimed an email to Casey: removal waits for it.
    await claimedDigest(stack.stack.db, leaving.id);
    await page.goto('/contacts');
    await page.getByRole('link', { name: 'Remove Casey Moss' }).click();
    await page.getByRole('heading', { level: 1, name: 'Are you sure you want to remove Casey Moss?' }).waitFor();
    expect(await page.locator('.govuk-warning-text').innerText()).toContain('Casey Moss will not be able to sign in to this service any more');
    await expectAccessible(page);
    await saveScreenshot(page, 'contacts-remove');
    const busy = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Yes, remove Casey Moss' }).click();
    expect((await busy).status()).toBe(409);
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toMatch(/An email to Casey Moss is being sent right now, so they cannot be removed yet\. Try again in (8\d|90) seconds\./);
    expect((await stack.api.get(contactPath(leaving.id), { token: riverside.apiKey })).status).toBe(200);
    await expectAccessible(page);

    await stack.stack.db.query(`UPDATE digest SET status = 'sent', sent_at = now(), sending_until = NULL WHERE contact_id = $1`, [leaving.id]);
    await page.getByRole('button', { name: 'Yes, remove Casey Moss' }).click();
    await page.waitForURL(`${stack.webUrl}/contacts`);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Casey Moss was removed');
    expect(await mainText(page)).not.toContain('casey@riverside.example');
    expect((await stack.api.get(contactPath(leaving.id), { token: riverside.apiKey })).status).toBe(404);
    const audit = await stack.stack.db.query(`SELECT actor_kind, actor_id FROM audit_event WHERE action = 'contact.delete' AND subject_id = $1`, [leaving.id]);
    expect(audit.rows).toEqual([{ actor_kind: 'contact', actor_id: sam.id }]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets a contact remove themself only past a warning, and then signs them out', async () => {
    const robin = await createContact(stack.api, stack.adminToken, riverside.id, { name: 'Robin Hale', email: 'robin@riverside.example', digest: 'none' });
    const { context, page, problems } = await newContext(browser, stack);
    page.setDefaultTimeout(10_000);
    await signIn(page, stack, robin.email);
    await page.goto('/contacts');
    await page.getByRole('link', { name: 'Remove Robin Hale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Are you sure you want to remove yourself?' }).waitFor();
    expect(await page.locator('.govuk-warning-text').innerText()).toContain('This is you. You will be signed out straight away');
    await page.getByRole('button', { name: 'Yes, remove me' }).click();
    await page.waitForURL(`${stack.webUrl}/signed-out`);
    expect((await stack.api.get(contactPath(robin.id), { token: riverside.apiKey })).status).toBe(404);
    await page.goto('/contacts');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('re-subscribes a contact who unsubscribed', async () => {
    const quiet = await createContact(stack.api, stack.adminToken, riverside.id, { name: 'Dana Price', email: 'dana@riverside.example', digest: 'weekly' });
    const unsubscribed = await stack.api.request('PATCH', contactPath(quiet.id), { token: riverside.apiKey, body: { subscribed: false } });
    expect(unsubscribed.status).toBe(200);
    const { context, page, problems } = await signedInPage();
    await page.goto('/contacts');
    const row = page.locator('tr', { hasText: 'dana@riverside.example' });
    expect(await row.locator('.govuk-tag').innerText()).toBe('Unsubscribed');
    expect(await page.getByRole('button', { name: /^Re-subscribe/ }).count()).toBe(1);
    await row.getByRole('button', { name: 'Re-subscribe Dana Price' }).click();
    await page.waitForURL(`${stack.webUrl}/contacts`);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Dana Price is subscribed to email again');
    expect(await page.locator('tr', { hasText: 'dana@riverside.example' }).locator('.govuk-tag').innerText()).toBe('Subscribed');
    expect(await page.getByRole('button', { name: /^Re-subscribe/ }).count()).toBe(0);
    const stored = await stack.api.get<ApiContact>(contactPath(quiet.id), { token: riverside.apiKey });
    expect([stored.body.subscribed, stored.body.digest]).toEqual([true, 'none']);
    const audit = await stack.stack.db.query(`SELECT actor_kind, actor_id FROM audit_event WHERE action = 'contact.resubscribe' AND subject_id = $1`, [quiet.id]);
    expect(audit.rows).toEqual([{ actor_kind: 'contact', actor_id: sam.id }]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers 404 for another body’s contact on edit, remove and preview, and changes nothing', async () => {
    const { context, page } = await signedInPage();
    for (const path of [`/contacts/${alex.id}/edit`, `/contacts/${alex.id}/remove`, `/contacts/${alex.id}/digest-preview`, '/contacts/not-a-uuid/edit']) {
      const response = await page.goto(path);
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
      expect(await mainText(page)).not.toContain('Alex Brown');
    }
    // A real form of this session, aimed at the other body's contact: the POSTs are 404 too.
    for (const action of ['remove', 'edit', 'resubscribe']) {
      await page.goto(`/contacts/${priya.id}/remove`);
      await page.locator('form[action$="/remove"]').evaluate((form, target) => form.setAttribute('action', target), `/contacts/${alex.id}/${action}`);
      const answer = page.waitForResponse((response) => response.request().method() === 'POST');
      await page.getByRole('button', { name: 'Yes, remove Priya Shah' }).click();
      expect({ action, status: (await answer).status() }).toEqual({ action, status: 404 });
    }
    const alexNow = await stack.api.get<ApiContact>(`/v1/organisations/${harbour.id}/contacts/${alex.id}`, { token: harbour.apiKey });
    expect([alexNow.status, alexNow.body.name, alexNow.body.subscribed]).toEqual([200, 'Alex Brown', true]);
    await context.close();
  });

  it('previews the digest a contact would get today: the subject, and only the complaints routed to them', async () => {
    await stack.stack.waitForProcessingAndRollup();
    const { context, page, problems } = await signedInPage();
    await page.goto('/contacts');
    await page.getByRole('link', { name: 'Preview digest for Morgan Lee' }).click();
    await page.getByRole('heading', { level: 1, name: 'Digest preview for Morgan Lee' }).waitFor();
    const text = await mainText(page);
    expect(text).toMatch(/This is the daily digest Morgan Lee would get for \w+day \d{1,2} \w+ 20\d\d so far/);
    const subject = await page.locator('.govuk-summary-list__row', { hasText: 'Subject' }).locator('dd').innerText();
    expect(subject).toMatch(/^Complaint learning: 2 complaints with learning (\(\d serious\) )?for Riverside NHS Trust, \w+day \d{1,2} \w+ 20\d\d$/);
    const references = await page.locator('table', { hasText: 'Complaints in this digest' }).locator('tbody th').allInnerTexts();
    expect(references.sort()).toEqual(['RIV-MAT-101', 'RIV-MAT-102']);
    const email = await page.locator('pre.app-contacts-email-text').innerText();
    expect(email).toContain('Hello Morgan Lee,');
    expect(email).toContain('RIV-MAT-101');
    expect(email).toContain('RIV-MAT-102');
    for (const absent of ['RIV-ED-201', 'HAR-HSG-301', 'Emergency department', 'Housing repairs']) {
      expect({ absent, onPage: text.includes(absent) }).toEqual({ absent, onPage: false });
    }
    // The unsubscribe link is shown without its key: following it from here must not act as Morgan.
    expect(email).toMatch(/Unsubscribe: http:\/\/\S+\/v1\/unsubscribe\n?/);
    expect(email).not.toContain('token=');
    await expectAccessible(page);
    await saveScreenshot(page, 'contacts-digest-preview');

    // Nothing was planned or sent by looking.
    expect((await stack.stack.db.query(`SELECT 1 FROM digest WHERE contact_id = $1`, [maternity.id])).rowCount).toBe(0);
    expect(stack.smtp.to(maternity.email).filter((mail) => mail.messageId.startsWith('<digest.'))).toEqual([]);

    // Priya (Cardiology) is daily now and nothing reached her; Sam takes no digest.
    await page.goto(`/contacts/${priya.id}/digest-preview`);
    expect(await mainText(page)).toContain('Nothing has reached Priya Shah so far this period, so no digest would be sent.');
    await expectAccessible(page);
    await page.goto(`/contacts/${sam.id}/digest-preview`);
    expect(await mainText(page)).toContain('Sam Jones does not get digests: their digest is set to none.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets an Ombudsman contact manage the Ombudsman’s own contacts, not a body’s', async () => {
    const ombudsman = await stack.createOrganisationWithContact('kim@ombudsman.example', { name: 'Health Ombudsman', kind: 'ombudsman', contactName: 'Kim Ali' });
    const { context, page, problems } = await newContext(browser, stack);
    await signIn(page, stack, ombudsman.email);
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    expect(await tableRows(page)).toEqual([['Kim Ali (you)', 'kim@ombudsman.example', 'None', 'None', 'None', 'Subscribed']]);
    expect((await page.goto(`/contacts/${priya.id}/edit`))?.status()).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  });
});
