import type { Browser, Page } from 'playwright-core';
import { createContact, createOrganisation } from '../support/fixtures';
import { expectAccessible, launchBrowser, newContext, saveScreenshot, sessionCookie, signIn, signInAsOperator } from './support/browser';
import { linkIn, WebTestStack } from './support/web-stack';

/**
 * Sign-in in a real Chromium against the real apps: the link is read from the email the SMTP
 * sink caught. Each test uses addresses of its own, so the per-address rate limit (lowered to 3
 * here) never spills over. Signed-in contacts are re-checked on every request (viewerRecheckMs 0).
 */
const stack = new WebTestStack({ web: { signInLimits: { perIp: 200, perAddress: 3, windowSeconds: 900 }, viewerRecheckMs: 0 } });
let browser: Browser;

beforeAll(async () => {
  [browser] = await Promise.all([launchBrowser(), stack.start()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack.stop();
});

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
}

describe('sign-in by emailed link', () => {
  it('signs a body contact in through the link in the email, and every page on the way is accessible and free of CSP violations', async () => {
    const contact = await stack.createOrganisationWithContact('sam.jones@riverside.example', { name: 'Riverside NHS Trust', contactName: 'Sam Jones' });
    const { context, page, problems } = await newContext(browser, stack);

    const response = await page.goto('/sign-in');
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.locator('body.js-enabled.govuk-frontend-supported').count()).toBe(1);
    await expectAccessible(page);
    await saveScreenshot(page, 'sign-in');

    await page.getByLabel('Email address').fill('Sam.Jones@Riverside.example');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await mainText(page)).toContain('The link works once and stops working after 15 minutes.');
    await expectAccessible(page);
    await saveScreenshot(page, 'check-email');

    const link = await stack.waitForSignInLink(contact.email);
    expect(link.startsWith(`${stack.webUrl}/sign-in/continue?token=`)).toBe(true);
    await page.goto(link);
    await expectAccessible(page);
    await saveScreenshot(page, 'continue-sign-in');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${stack.webUrl}/complaints`);
    await page.getByRole('heading', { level: 1, name: 'Complaints' }).waitFor();
    expect(await page.locator('.app-signed-in').innerText()).toBe('Signed in as Sam Jones for Riverside NHS Trust');
    expect(await page.getByRole('link', { name: 'Contacts' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers an unknown address with the same page and sends it nothing', async () => {
    const known = await stack.createOrganisationWithContact('known@harbour.example', { name: 'Harbour Council' });
    const { context, page } = await newContext(browser, stack);
    const answers: string[] = [];
    const statuses: number[] = [];
    for (const email of ['nobody@harbour.example', known.email]) {
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill(email);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/sign-in') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Send me a sign-in link' }).click(),
      ]);
      statuses.push(response.status());
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      answers.push((await mainText(page)).replace(email, 'ADDRESS'));
    }
    expect(answers[0]).toBe(answers[1]);
    // A page, not a created resource, and the same for both.
    expect(statuses).toEqual([200, 200]);
    await stack.waitForSignInLink(known.email);
    await stack.signInMailSettled();
    expect(stack.smtp.to('nobody@harbour.example')).toHaveLength(0);
    await context.close();
  });

  it('shows the GOV.UK error summary for an address that is not an email address', async () => {
    const { context, page } = await newContext(browser, stack);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.locator('.govuk-error-summary').getByText('Enter an email address in the correct format, like name@example.org').waitFor();
    expect(await page.title()).toBe('Error: Sign in – Complaint learning');
    await page.getByRole('link', { name: 'Enter an email address in the correct format, like name@example.org' }).click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('email');
    await expectAccessible(page);
    await context.close();
  });

  it('lets mail scanners open the link without using it up, and then works once only', async () => {
    const contact = await stack.createOrganisationWithContact('once@meadow.example', { name: 'Meadow Trust' });
    const { context, page } = await newContext(browser, stack);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(contact.email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    const link = await stack.waitForSignInLink(contact.email);

    const scanner = await fetch(link);
    expect(scanner.status).toBe(200);
    await page.goto(link);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${stack.webUrl}/complaints`);

    const second = await newContext(browser, stack);
    const again = await second.page.goto(link);
    expect(again!.status()).toBe(400);
    await second.page.getByRole('heading', { level: 1, name: 'This sign-in link does not work' }).waitFor();
    await expectAccessible(second.page);
    await Promise.all([context.close(), second.context.close()]);
  });

  it('refuses an expired link (WEB_SIGN_IN_LINK_SECONDS=1)', async () => {
    const contact = await stack.createOrganisationWithContact('late@orchard.example', { name: 'Orchard Council' });
    const shortLived = await stack.startExtraWeb({ WEB_SIGN_IN_LINK_SECONDS: '1' });
    const { context, page } = await newContext(browser, stack, { baseURL: shortLived });
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(contact.email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    const link = await stack.waitForSignInLink(contact.email);
    expect(link.startsWith(`${shortLived}/sign-in/continue`)).toBe(true);
    // The link's lifetime is the point of this test: wait it out.
    await new Promise((done) => setTimeout(done, 1_500));
    const response = await page.goto(link);
    expect(response!.status()).toBe(400);
    await page.getByRole('heading', { level: 1, name: 'This sign-in link does not work' }).waitFor();
    await context.close();
  });

  it('sets an HttpOnly SameSite=Lax session cookie and gives it a new id on sign-in; the old id is dead', async () => {
    await stack.createOrganisationWithContact('rotate@fen.example', { name: 'Fen Trust' });
    const { context, page } = await newContext(browser, stack);
    await page.goto('/sign-in');
    const before = await sessionCookie(context);
    expect(before).toMatchObject({ name: 'clp_session', httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    await signIn(page, stack, 'rotate@fen.example');
    const after = await sessionCookie(context);
    expect(after!.value).not.toBe(before!.value);
    expect(after).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const planted = await browser.newContext({ baseURL: stack.webUrl });
    await planted.addCookies([{ ...before!, url: stack.webUrl, domain: undefined, path: undefined }]);
    const plantedPage = await planted.newPage();
    await plantedPage.goto('/complaints');
    expect(new URL(plantedPage.url()).pathname).toBe('/sign-in');
    await Promise.all([context.close(), planted.close()]);
  });

  it('signs out with a POST that ends the session on the server', async () => {
    await stack.createOrganisationWithContact('leave@dale.example', { name: 'Dale Council' });
    const { context, page } = await newContext(browser, stack);
    await signIn(page, stack, 'leave@dale.example');
    const cookie = (await sessionCookie(context))!;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
    await expectAccessible(page);
    await page.goto('/complaints');
    expect(page.url()).toBe(`${stack.webUrl}/sign-in?next=%2Fcomplaints`);

    const replay = await fetch(`${stack.webUrl}/complaints`, { headers: { cookie: `${cookie.name}=${cookie.value}` }, redirect: 'manual' });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/sign-in?next=%2Fcomplaints');
    await context.close();
  });

  it('refuses a POST without a valid CSRF token with 403 and the GOV.UK expired-page', async () => {
    const { context, page } = await newContext(browser, stack);
    await page.goto('/sign-in');
    const missing = await page.request.post('/sign-in', { form: { email: 'csrf@example.org' } });
    expect(missing.status()).toBe(403);
    expect(await missing.text()).toContain('This page has expired');
    const forged = await page.request.post('/sign-in', { form: { email: 'csrf@example.org', _csrf: 'forged-token' } });
    expect(forged.status()).toBe(403);
    // A token from another session is no good either.
    const other = await newContext(browser, stack);
    await other.page.goto('/sign-in');
    const foreignToken = await other.page.locator('input[name="_csrf"]').first().inputValue();
    const foreign = await page.request.post('/sign-in', { form: { email: 'csrf@example.org', _csrf: foreignToken } });
    expect(foreign.status()).toBe(403);
    await Promise.all([context.close(), other.context.close()]);
  });

  it('works with JavaScript turned off', async () => {
    await stack.createOrganisationWithContact('nojs@moor.example', { name: 'Moor Trust' });
    const { context, page } = await newContext(browser, stack, { javaScriptEnabled: false });
    await signIn(page, stack, 'nojs@moor.example');
    expect(new URL(page.url()).pathname).toBe('/complaints');
    expect(await page.locator('body.js-enabled').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
    await context.close();
  });

  it('can be done with the keyboard alone (Tab and Enter)', async () => {
    const contact = await stack.createOrganisationWithContact('keys@brook.example', { name: 'Brook Council' });
    const { context, page } = await newContext(browser, stack);
    await page.goto('/sign-in');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent.trim()')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await tabUntil(page, (element) => element.id === 'email');
    await page.keyboard.type(contact.email);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const link = linkIn((await stack.stack.waitFor(async () => stack.signInMails(contact.email)[0], 'the sign-in email'))!);
    await page.goto(link);
    await tabUntil(page, (element) => element.tagName === 'BUTTON' && element.textContent?.trim() === 'Continue');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.webUrl}/complaints`);
    await context.close();
  });

  it('sends an address registered at several organisations to a choice, and signs in for the one picked', async () => {
    const first = await stack.createOrganisationWithContact('both@river.example', { name: 'Alder Council' });
    const secondOrganisation = await createOrganisation(stack.api, stack.adminToken, { name: 'Birch NHS Trust' });
    await createContact(stack.api, stack.adminToken, secondOrganisation.id, { name: 'Robin Both', email: 'both@river.example' });
    const { context, page } = await newContext(browser, stack);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(first.email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.goto(await stack.waitForSignInLink(first.email));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${stack.webUrl}/sign-in/choose`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').getByText('Select the organisation you want to sign in for').waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'choose-organisation');
    await page.getByLabel('Birch NHS Trust').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${stack.webUrl}/complaints`);
    expect(await page.locator('.app-signed-in').innerText()).toBe('Signed in as Robin Both for Birch NHS Trust');
    await context.close();
  });

  it('sends nothing to a contact of a suspended organisation, and stops sending past the per-address limit', async () => {
    const suspended = await stack.createOrganisationWithContact('held@suspended.example', { name: 'Suspended Trust' });
    await stack.suspend(suspended.organisationId);
    const busy = await stack.createOrganisationWithContact('busy@limit.example', { name: 'Limit Council' });
    const { context, page } = await newContext(browser, stack);
    for (const email of [suspended.email, busy.email, busy.email, busy.email, busy.email]) {
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    }
    await stack.waitForSignInLink(busy.email, 2);
    await stack.signInMailSettled();
    expect(stack.signInMails(busy.email)).toHaveLength(3);
    expect(stack.smtp.to(suspended.email)).toHaveLength(0);
    await context.close();
  });
});

describe('roles', () => {
  it('takes an Ombudsman contact to /learning, and back to the page it asked for after sign-in', async () => {
    await stack.createOrganisationWithContact('casework@ombudsman.example', { name: 'The Ombudsman', kind: 'ombudsman', contactName: 'Alex Case' });
    const { context, page } = await newContext(browser, stack);
    await page.goto('/complaints');
    expect(page.url()).toBe(`${stack.webUrl}/sign-in?next=%2Fcomplaints`);
    await signIn(page, stack, 'casework@ombudsman.example');
    expect(new URL(page.url()).pathname).toBe('/complaints');
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/learning');
    // The Ombudsman's own contacts (its organisation's, not other bodies'): /contacts.
    expect(await page.getByRole('link', { name: 'Contacts' }).count()).toBe(1);
    const admin = await page.goto('/admin');
    expect(admin!.status()).toBe(403);
    await page.getByRole('heading', { level: 1, name: 'You cannot see this page' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('ends a signed-in contact’s session when its organisation is suspended', async () => {
    const contact = await stack.createOrganisationWithContact('ends@willow.example', { name: 'Willow Council' });
    const { context, page } = await newContext(browser, stack);
    await signIn(page, stack, contact.email);
    expect(new URL(page.url()).pathname).toBe('/complaints');
    await stack.suspend(contact.organisationId);
    await page.goto('/complaints');
    expect(page.url()).toBe(`${stack.webUrl}/sign-in?next=%2Fcomplaints`);
    await context.close();
  });

  it('signs the operator in with the admin token, refuses a wrong one, and keeps the operator out of body pages', async () => {
    const { context, page, problems } = await newContext(browser, stack);
    await page.goto('/sign-in/operator');
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.govuk-error-summary').getByText('The admin token is not correct').waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'operator-sign-in');
    await signInAsOperator(page, stack);
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    const body = await page.goto('/complaints');
    expect(body!.status()).toBe(403);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers an unknown page with the GOV.UK 404 page', async () => {
    const { context, page } = await newContext(browser, stack);
    const response = await page.goto('/no-such-page');
    expect(response!.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });
});

async function tabUntil(page: Page, found: (element: { id: string; tagName: string; textContent: string | null }) => boolean): Promise<void> {
  for (let presses = 0; presses < 30; presses += 1) {
    await page.keyboard.press('Tab');
    const active = await page.evaluate<{ id: string; tagName: string; textContent: string | null }>(
      `(() => { const e = document.activeElement; return e ? { id: e.id, tagName: e.tagName, textContent: e.textContent } : { id: '', tagName: '', textContent: null }; })()`,
    );
    if (found(active)) return;
  }
  throw new Error('the element was not reached with Tab');
}
