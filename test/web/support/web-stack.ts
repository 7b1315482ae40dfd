import { createServer } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '@app/config';
import { createWebApp } from '../../../apps/web/src/web.app';
import type { WebModuleOptions } from '../../../apps/web/src/web.module';
import { SignInService } from '../../../apps/web/src/sign-in/sign-in.service';
import { ApiClient } from '../../support/api-client';
import { createContact, createOrganisation, type CreatedContact, type OrganisationOverrides } from '../../support/fixtures';
import { TestSmtpServer, type CaughtMail } from '../../support/smtp-catcher';
import { TestStack, type StackOptions } from '../../support/test-stack';

export interface WebStackOptions extends StackOptions {
  /** Passed to createWebApp (e.g. lower sign-in rate limits). */
  web?: WebModuleOptions;
}

/** A contact with the API key of its organisation, which the test may submit complaints with. */
export type ContactWithApiKey = CreatedContact & { apiKey: string };

/**
 * The real system for a browser test file: ingest, worker and the web app on real ports, its
 * own PostgreSQL database and Redis prefix (TestStack), and an in-process SMTP sink that every
 * email (sign-in links included) goes to.
 *
 *   const stack = new WebTestStack();
 *   beforeAll(() => stack.start(), 60_000);
 *   afterAll(() => stack.stop());
 */
export class WebTestStack {
  readonly smtp = new TestSmtpServer();
  stack!: TestStack;
  web?: NestFastifyApplication;
  private readonly extraWebs: NestFastifyApplication[] = [];
  /** The web app's base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  webUrl = '';
  api!: ApiClient;

  constructor(private readonly options: WebStackOptions = {}) {}

  get config(): AppConfig {
    return this.stack.config;
  }

  get adminToken(): string {
    return this.stack.config.adminToken;
  }

  async start(): Promise<this> {
    await this.smtp.start();
    // The emailed links must point at the port the web app really listens on.
    const port = await freePort();
    this.stack = new TestStack({
      ...this.options,
      env: { SMTP_URL: this.smtp.url, WEB_PORT: String(port), WEB_PUBLIC_URL: `http://127.0.0.1:${port}`, ...this.options.env },
    });
    await this.stack.start({ ingest: true, worker: true });
    this.api = new ApiClient(this.stack.baseUrl);
    this.web = await createWebApp(this.stack.config, this.options.web);
    await this.web.listen(port, '127.0.0.1');
    this.webUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  /**
   * A second web app on the same database and Redis with some WEB_* settings changed (e.g.
   * WEB_SIGN_IN_LINK_SECONDS), for a test that needs them without a stack of its own. Returns its base URL.
   */
  async startExtraWeb(env: Record<string, string>): Promise<string> {
    const port = await freePort();
    const config = loadConfig({ ...this.rawEnv(), WEB_PORT: String(port), WEB_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env });
    const app = await createWebApp({ ...config, migrateOnStart: false }, this.options.web);
    await app.listen(port, '127.0.0.1');
    this.extraWebs.push(app);
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const app of this.extraWebs) await app.close();
    await this.web?.close();
    await this.stack?.stop();
    await this.smtp.stop();
  }

  /** An organisation with one contact (digest none), made with the builders in test/support/fixtures.ts: the usual start of a page test. */
  async createOrganisationWithContact(email: string, options: OrganisationOverrides & { contactName?: string } = {}): Promise<ContactWithApiKey> {
    const { contactName, ...organisation } = options;
    const created = await createOrganisation(this.api, this.adminToken, organisation);
    const contact = await createContact(this.api, this.adminToken, created.id, { email, name: contactName });
    return { ...contact, apiKey: created.apiKey };
  }

  async suspend(organisationId: string): Promise<void> {
    const response = await this.api.request('PATCH', `/v1/organisations/${organisationId}`, { token: this.adminToken, body: { suspended: true } });
    if (response.status !== 200) throw new Error(`not suspended: ${response.status} ${JSON.stringify(response.body)}`);
  }

  /** Resolves once every sign-in email asked for so far has been handed to SMTP, or dropped. */
  async signInMailSettled(): Promise<void> {
    await this.web!.get(SignInService).idle();
    await this.smtp.idle();
  }

  /** The sign-in link in the newest sign-in email to `email`, waiting for it to arrive. */
  async waitForSignInLink(email: string, after = 0): Promise<string> {
    const mail = await this.stack.waitFor(async () => this.signInMails(email)[after], `a sign-in email to ${email}`, 10_000);
    return linkIn(mail);
  }

  signInMails(email: string): CaughtMail[] {
    return this.smtp.to(email).filter((mail) => mail.subject === 'Your sign-in link for Complaint learning');
  }

  private rawEnv(): Record<string, string> {
    const config = this.stack.config;
    return {
      NODE_ENV: 'test',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      LOG_LEVEL: config.logLevel,
      SMTP_URL: this.smtp.url,
      MIGRATE_ON_START: 'false',
    };
  }
}

/** The one sign-in URL in an email's text. */
export function linkIn(mail: CaughtMail): string {
  const match = /https?:\/\/\S+\/sign-in\/continue\?token=[A-Za-z0-9_-]+/.exec(mail.text);
  if (!match) throw new Error(`no sign-in link in the email "${mail.subject}"`);
  return match[0];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
