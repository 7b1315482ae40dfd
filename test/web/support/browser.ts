import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { WebTestStack } from './web-stack';

export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** One headless Chromium per test file (launch in beforeAll, close in afterAll): starting one costs a second. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
}

/**
 * A fresh context (own cookies) with every CSP violation and console error recorded in
 * `problems`, so a test can assert there were none.
 */
export async function newContext(browser: Browser, stack: WebTestStack, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: stack.webUrl, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A page answered 400/403/404 on purpose is logged by Chromium as a failed load; it is not a problem.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource: the server responded with a status of 4')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  if (options.javaScriptEnabled !== false) {
    // Listen in every page for CSP violations: they are also console errors, but this names the directive.
    await context.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));",
    });
  }
  return { context, page, problems };
}

/**
 * Signs in through the real pages: submits the email form (the one on screen when the page is
 * already on /sign-in, so a `next` it carries is kept), takes the link from the caught
 * email, opens it and presses Continue. Returns with the page on wherever sign-in led.
 */
export async function signIn(page: Page, stack: WebTestStack, email: string): Promise<void> {
  const before = stack.signInMails(email).length;
  if (new URL(page.url()).pathname !== '/sign-in') await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const link = await stack.waitForSignInLink(email, before);
  await page.goto(link);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in/continue'));
}

/** Signs in as the operator with the admin token. */
export async function signInAsOperator(page: Page, stack: WebTestStack): Promise<void> {
  await page.goto('/sign-in/operator');
  await page.getByLabel('Admin token').fill(stack.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page as it is now; throws listing every serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  if (blocking.length === 0) return;
  const lines = blocking.map(
    (violation) => `- [${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join('\n    ')}`,
  );
  throw new Error(`${page.url()} has ${blocking.length} accessibility violation(s):\n${lines.join('\n')}`);
}

/** Saves a full-page PNG as docs/screenshots/<name>.png (committed: the docs show the pages). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The session cookie of a context (clp_session in development/test). */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === 'clp_session' || cookie.name === '__Host-clp_session');
}
