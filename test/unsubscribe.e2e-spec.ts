import { RESUBSCRIBE_NOTE } from '@app/domain/digest';
import { unsubscribeToken } from '@app/mail';
import { ApiClient } from './support/api-client';
import { SECOND_SERIOUS_TEXT, SERIOUS_TEXT } from './support/complaint-texts';
import { digestMessageId, londonDate } from './support/expected-message-ids';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { CaughtMail, TestSmtpServer } from './support/smtp-catcher';
import { mailSettled } from './support/mail-quiet';
import { TestStack } from './support/test-stack';

const DAY_MS = 86_400_000;
const PUBLIC_URL = 'https://learning.example.test';
const KEYS = {
  current: { id: 'k2', secret: 'current-unsubscribe-secret-0123456789' },
  previous: { id: 'k1', secret: 'previous-unsubscribe-secret-012345678' },
  retired: { id: 'k0', secret: 'retired-unsubscribe-secret-0123456789' },
};
const ONE_CLICK_FORM = { rawBody: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' };
const BOUNDARY = 'one-click-boundary';
/** How RFC 8058 recommends a mail provider sends the one-click POST. */
const ONE_CLICK_MULTIPART = {
  rawBody: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${BOUNDARY}--\r\n`,
  contentType: `multipart/form-data; boundary=${BOUNDARY}`,
};

function header(mail: CaughtMail, name: string): string | undefined {
  return mail.parsed.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ').replace(/^[^:]+:\s*/, '');
}

/** The List-Unsubscribe URL of an email, as a path on the test's own ingest. */
function unsubscribePath(mail: CaughtMail): string {
  const url = new URL(/<([^>]+)>/.exec(header(mail, 'list-unsubscribe') ?? '')?.[1] ?? '');
  expect(url.origin).toBe(PUBLIC_URL);
  return `${url.pathname}${url.search}`;
}

/**
 * Unsubscribing, end to end on the real stack and SMTP: a GET (a mail scanner, a forwarded
 * digest) only asks; the RFC 8058 one-click POST unsubscribes; the contact's organisation can
 * subscribe them again (audited); unsubscribe keys rotate with a previous key still accepted.
 */
describe('unsubscribe links and re-subscription (real PostgreSQL, Redis and SMTP)', () => {
  const smtp = new TestSmtpServer();
  let stack: TestStack;
  const mailQuiet = (): Promise<void> => mailSettled(stack, smtp);
  let api: ApiClient;
  let admin: string;
  let northshire: CreatedOrganisation;
  let southvale: CreatedOrganisation;
  const contacts: Record<string, string> = {};

  const postProcessed = async (summary: string): Promise<string> => {
    const [id] = await submitComplaints(api, northshire.apiKey, [complaintRecord({ summary, receivedAt: new Date(Date.now() - 60_000).toISOString(), closedAt: undefined })]);
    await stack.waitFor(async () => (await stack.db.query(`SELECT 1 FROM complaint WHERE id = $1 AND status = 'processed'`, [id])).rowCount === 1, 'the complaint to be processed');
    return id;
  };

  const contactState = async (id: string): Promise<{ digest: string; unsubscribed: boolean }> =>
    (await stack.db.query(`SELECT digest, unsubscribed_at IS NOT NULL AS unsubscribed FROM contact WHERE id = $1`, [id])).rows[0];

  const runDaily = async (asOf: Date): Promise<void> => {
    const run = await api.post('/v1/digests/run', { token: admin, body: { frequency: 'daily', asOf: asOf.toISOString() } });
    expect(run.status).toBe(202);
  };

  const tokenPath = (key: { id: string; secret: string }, contactId: string): string => `/v1/unsubscribe?token=${encodeURIComponent(unsubscribeToken(key, contactId))}`;

  const tomorrow = new Date(Date.now() + DAY_MS);
  const dayAfter = new Date(Date.now() + 2 * DAY_MS);
  // A daily run covers the London day before its asOf: run "tomorrow", it is today (e.g.
  // `daily:2026-12-04`); run "the day after", it is tomorrow (e.g. `daily:2026-12-05`).
  const TODAY = `daily:${londonDate(tomorrow, -1)}`;
  const TOMORROW = `daily:${londonDate(dayAfter, -1)}`;

  beforeAll(async () => {
    await smtp.start();
    stack = new TestStack({
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        UNSUBSCRIBE_KEY_ID: KEYS.current.id,
        UNSUBSCRIBE_SECRET: KEYS.current.secret,
        UNSUBSCRIBE_PREVIOUS_SECRETS: `${KEYS.previous.id}:${KEYS.previous.secret}`,
        MAIL_DISPATCH_INTERVAL_MS: '300',
        MAIL_RETRY_DELAY_MS: '200',
      },
    });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    admin = stack.config.adminToken;
    northshire = await createOrganisation(api, admin, { name: 'Northshire Hospitals NHS Trust', sector: 'health' });
    southvale = await createOrganisation(api, admin, { name: 'Southvale University Hospitals', sector: 'health' });
    contacts.sam = (await createContact(api, admin, northshire.id, { name: 'sam', email: 'sam@northshire.example', digest: 'daily' })).id;
    contacts.rita = (await createContact(api, admin, northshire.id, { name: 'rita', email: 'rita@northshire.example', digest: 'daily' })).id;
    // Starting both apps (migrations, the classifier) can take a while on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  });

  it('a GET of the link (a mail scanner) shows a confirmation form, changes nothing, and the next digest still arrives', async () => {
    await postProcessed(SERIOUS_TEXT);
    await smtp.waitFor(() => smtp.to('sam@northshire.example').length > 0, 'the serious-case alert to sam');
    const [alert] = smtp.to('sam@northshire.example');

    for (let scan = 0; scan < 2; scan += 1) {
      const page = await api.get<string>(unsubscribePath(alert));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.body).toMatch(/<form method="post" action="\?token=k2\.[^"]+">/);
      expect(page.body).toContain('name="List-Unsubscribe" value="One-Click"');
      expect(page.body).not.toContain('You are unsubscribed');
    }
    expect(await contactState(contacts.sam)).toEqual({ digest: 'daily', unsubscribed: false });

    await runDaily(tomorrow);
    await smtp.waitFor(() => smtp.count(digestMessageId(TODAY, contacts.sam)) > 0, "sam's digest");
    // The serious-case alert says that unsubscribing stops it too, and how to undo that.
    expect(alert.text.replace(/\s+/g, ' ')).toContain(RESUBSCRIBE_NOTE);
  });

  it('a one-click POST unsubscribes (only with List-Unsubscribe=One-Click); alerts stop', async () => {
    const [digest] = smtp.messages.filter((m) => m.messageId === digestMessageId(TODAY, contacts.sam));
    const path = unsubscribePath(digest);
    expect((await api.post(path, { rawBody: 'confirm=yes', contentType: 'application/x-www-form-urlencoded' })).status).toBe(400);
    expect(await contactState(contacts.sam)).toEqual({ digest: 'daily', unsubscribed: false });

    const done = await api.post<string>(path, ONE_CLICK_MULTIPART);
    expect(done.status).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    expect(await contactState(contacts.sam)).toEqual({ digest: 'none', unsubscribed: true });
    const audit = await stack.db.query(`SELECT actor_kind, actor_id FROM audit_event WHERE action = 'contact.unsubscribe' AND subject_id = $1`, [contacts.sam]);
    expect(audit.rows).toEqual([{ actor_kind: 'contact', actor_id: contacts.sam }]);

    const before = smtp.to('sam@northshire.example').length;
    const complaint = await postProcessed(SECOND_SERIOUS_TEXT);
    await stack.waitFor(async () => {
      const { rows } = await stack.db.query(`SELECT failure_reason FROM delivery WHERE complaint_id = $1 AND contact_id = $2 AND mode = 'immediate'`, [complaint, contacts.sam]);
      return rows[0]?.failure_reason === 'not sent: the contact unsubscribed';
    }, 'the alert to sam to be recorded as not sent');
    expect(smtp.to('sam@northshire.example').length).toBe(before);
  });

  it('lets the contact’s organisation re-subscribe them (audited); the next digest arrives exactly once', async () => {
    const path = `/v1/organisations/${northshire.id}/contacts/${contacts.sam}`;
    expect((await api.request('PATCH', `/v1/organisations/${southvale.id}/contacts/${contacts.sam}`, { token: southvale.apiKey, body: { subscribed: true } })).status).toBe(404);
    expect((await api.request('PATCH', path, { token: southvale.apiKey, body: { subscribed: true } })).status).toBe(404);
    expect((await api.request('PATCH', path, { token: northshire.apiKey, body: {} })).status).toBe(400);
    expect((await api.request('PATCH', path, { token: northshire.apiKey, body: { subscribed: false, digest: 'daily' } })).status).toBe(400);

    const patched = await api.request<{ subscribed: boolean; digest: string }>('PATCH', path, { token: northshire.apiKey, body: { subscribed: true, digest: 'daily' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: contacts.sam, subscribed: true, digest: 'daily', unsubscribedAt: null });
    const listed = await api.get<{ items: Array<{ id: string; subscribed: boolean }> }>(`/v1/organisations/${northshire.id}/contacts`, { token: northshire.apiKey });
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((c) => c.id === contacts.sam)).toMatchObject({ subscribed: true, digest: 'daily' });
    expect((await api.get(`/v1/organisations/${northshire.id}/contacts`, { token: southvale.apiKey })).status).toBe(404);
    const audit = await stack.db.query(`SELECT actor_kind, actor_id, organisation_id, detail FROM audit_event WHERE action = 'contact.resubscribe' AND subject_id = $1`, [contacts.sam]);
    expect(audit.rows).toEqual([{ actor_kind: 'organisation', actor_id: northshire.id, organisation_id: northshire.id, detail: { previousDigest: 'none', digest: 'daily' } }]);

    // Learning routed "tomorrow" (its delivery moved a day on) is in the next daily digest.
    const complaint = await postProcessed(complaintRecord().summary as string);
    const moved = await stack.db.query(`UPDATE delivery SET created_at = created_at + interval '1 day' WHERE complaint_id = $1 AND contact_id = $2 AND mode = 'digest'`, [complaint, contacts.sam]);
    expect(moved.rowCount).toBe(1);
    await runDaily(dayAfter);
    await runDaily(dayAfter);
    await smtp.waitFor(() => smtp.count(digestMessageId(TOMORROW, contacts.sam)) > 0, "sam's next digest");
    await mailQuiet();
    expect(smtp.count(digestMessageId(TOMORROW, contacts.sam))).toBe(1);
  });

  it('accepts a link signed with the previous key during rotation and refuses one signed with a retired key', async () => {
    const retired = tokenPath(KEYS.retired, contacts.rita);
    expect((await api.get(retired)).status).toBe(400);
    expect((await api.post(retired, ONE_CLICK_FORM)).status).toBe(400);
    // The previous key's signature under the current key's id: the id is signed too.
    const relabelled = `/v1/unsubscribe?token=${unsubscribeToken(KEYS.previous, contacts.rita).replace(/^k1\./, 'k2.')}`;
    expect((await api.post(relabelled, ONE_CLICK_FORM)).status).toBe(400);
    expect(await contactState(contacts.rita)).toEqual({ digest: 'daily', unsubscribed: false });

    const previous = tokenPath(KEYS.previous, contacts.rita);
    expect((await api.get(previous)).status).toBe(200);
    expect((await api.post(previous, ONE_CLICK_FORM)).status).toBe(200);
    expect(await contactState(contacts.rita)).toEqual({ digest: 'none', unsubscribed: true });

    // The operator may re-subscribe too; without a digest the contact gets alerts again, no digests.
    const patched = await api.request('PATCH', `/v1/organisations/${northshire.id}/contacts/${contacts.rita}`, { token: admin, body: { subscribed: true } });
    expect(patched.status).toBe(200);
    expect(await contactState(contacts.rita)).toEqual({ digest: 'none', unsubscribed: false });
    const audit = await stack.db.query(`SELECT actor_kind FROM audit_event WHERE action = 'contact.resubscribe' AND subject_id = $1`, [contacts.rita]);
    expect(audit.rows).toEqual([{ actor_kind: 'admin' }]);
  });

  it('puts an https List-Unsubscribe and List-Unsubscribe-Post on every email', async () => {
    await mailQuiet();
    expect(smtp.messages.length).toBeGreaterThanOrEqual(3);
    for (const mail of smtp.messages) {
      expect(header(mail, 'list-unsubscribe')).toMatch(/^<https:\/\/learning\.example\.test\/v1\/unsubscribe\?token=k2\.[^>]+>$/);
      expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    }
  });
});
