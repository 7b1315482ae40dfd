import { ApiClient } from './support/api-client';
import { claimedDigest } from './support/db-fixtures';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestSmtpServer } from './support/smtp-catcher';
import { TestStack } from './support/test-stack';

const DAY_MS = 86_400_000;
const MATERNITY_DAILY = { digest: 'daily', serviceAreas: ['Maternity'] } as const;

interface Contact {
  id: string;
  name: string;
  email: string;
  serviceAreas: string[];
  themes: string[];
  digest: string;
  subscribed: boolean;
  unsubscribedAt: string | null;
  createdAt: string;
}
type ErrorBody = { statusCode: number; details: Array<{ field: string; message: string }> };

/**
 * Contact management end to end on the real stack and SMTP: read, change and delete one
 * contact; another organisation gets 404; changes are audited; a deleted contact gets nothing.
 */
describe('contact management (real PostgreSQL, Redis and SMTP)', () => {
  const smtp = new TestSmtpServer();
  let stack: TestStack;
  let api: ApiClient;
  let admin: string;
  let north: CreatedOrganisation;
  let south: CreatedOrganisation;
  const contacts: Record<string, string> = {};

  const path = (org: CreatedOrganisation, contactId: string) => `/v1/organisations/${org.id}/contacts/${contactId}`;
  const auditRows = async (action: string, contactId: string) =>
    (await stack.db.query(`SELECT actor_kind, actor_id, organisation_id, detail FROM audit_event WHERE action = $1 AND subject_id = $2 ORDER BY id`, [action, contactId])).rows;

  beforeAll(async () => {
    await smtp.start();
    stack = new TestStack({ env: { SMTP_URL: smtp.url, MAIL_DISPATCH_INTERVAL_MS: '300', MAIL_RETRY_DELAY_MS: '200' } });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    admin = stack.config.adminToken;
    north = await createOrganisation(api, admin, { name: 'Northshire Hospitals NHS Trust' });
    south = await createOrganisation(api, admin, { name: 'Southvale University Hospitals' });
    contacts.sam = (await createContact(api, admin, north.id, { ...MATERNITY_DAILY, name: 'sam', email: 'sam@northshire.example' })).id;
    contacts.rita = (await createContact(api, admin, north.id, { ...MATERNITY_DAILY, name: 'rita', email: 'rita@northshire.example' })).id;
    contacts.gone = (await createContact(api, admin, north.id, { ...MATERNITY_DAILY, name: 'gone', email: 'gone@northshire.example' })).id;
    contacts.sol = (await createContact(api, admin, south.id, { ...MATERNITY_DAILY, name: 'sol', email: 'sol@southvale.example' })).id;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  });

  it('reads one contact; another organisation’s contact, or another organisation, is 404', async () => {
    const own = await api.get<Contact>(path(north, contacts.sam), { token: north.apiKey });
    expect(own.status).toBe(200);
    expect({ ...own.body, createdAt: undefined }).toEqual({
      id: contacts.sam,
      name: 'sam',
      email: 'sam@northshire.example',
      serviceAreas: ['Maternity'],
      themes: [],
      digest: 'daily',
      subscribed: true,
      unsubscribedAt: null,
      createdAt: undefined,
    });
    expect((await api.get(path(north, contacts.sam), { token: admin })).status).toBe(200);
    expect((await api.get(path(north, contacts.sam), { token: south.apiKey })).status).toBe(404);
    expect((await api.get(path(south, contacts.sam), { token: south.apiKey })).status).toBe(404);
    expect((await api.get(path(north, contacts.sol), { token: north.apiKey })).status).toBe(404);
    expect((await api.get(path(north, 'not-a-uuid'), { token: north.apiKey })).status).toBe(404);
  });

  it('changes name, email, service areas, themes and digest, audited by field name only', async () => {
    const patched = await api.request<Contact>('PATCH', path(north, contacts.rita), {
      token: north.apiKey,
      body: { name: 'Rita Patel', email: 'rita.patel@northshire.example', serviceAreas: ['Maternity', 'Neonatal'], themes: ['communication', 'delay'], digest: 'weekly' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Rita Patel', email: 'rita.patel@northshire.example', serviceAreas: ['Maternity', 'Neonatal'], themes: ['communication', 'delay'], digest: 'weekly', subscribed: true });
    expect((await api.get<Contact>(path(north, contacts.rita), { token: north.apiKey })).body).toMatchObject({ name: 'Rita Patel', digest: 'weekly' });

    const audit = await auditRows('contact.update', contacts.rita);
    expect(audit).toEqual([
      { actor_kind: 'organisation', actor_id: north.id, organisation_id: north.id, detail: { previousDigest: 'daily', digest: 'weekly', fields: ['name', 'email', 'serviceAreas', 'themes'] } },
    ]);
    expect(JSON.stringify(audit)).not.toContain('Rita');

    // Back to daily, by the admin.
    expect((await api.request('PATCH', path(north, contacts.rita), { token: admin, body: { digest: 'daily' } })).status).toBe(200);
    expect((await auditRows('contact.update', contacts.rita)).map((row) => row.actor_kind)).toEqual(['organisation', 'admin']);
  });

  it('refuses bad changes naming the field, a taken email with 409, and another organisation with 404', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, '(body)'],
      [{ email: 'not an email' }, 'email'],
      [{ name: '' }, 'name'],
      [{ name: 'Line\nbreak' }, 'name'],
      [{ themes: ['parking'] }, 'themes'],
      [{ serviceAreas: 'Maternity' }, 'serviceAreas'],
      [{ digest: 'hourly' }, 'digest'],
      [{ nickname: 'Sam' }, 'nickname'],
    ];
    for (const [body, field] of cases) {
      const response = await api.request<ErrorBody>('PATCH', path(north, contacts.sam), { token: north.apiKey, body });
      expect({ body, status: response.status, fields: [...new Set(response.body.details.map((d) => d.field))] }).toEqual({ body, status: 400, fields: [field] });
    }
    const taken = await api.request<ErrorBody>('PATCH', path(north, contacts.sam), { token: north.apiKey, body: { email: 'RITA.PATEL@northshire.example' } });
    expect(taken.status).toBe(409);
    expect(taken.body.details).toEqual([{ field: 'email', message: 'already registered' }]);
    expect((await api.request('PATCH', path(north, contacts.sam), { token: south.apiKey, body: { name: 'Hijacked' } })).status).toBe(404);
    expect((await api.request('PATCH', path(south, contacts.sam), { token: south.apiKey, body: { name: 'Hijacked' } })).status).toBe(404);
    expect((await api.get<Contact>(path(north, contacts.sam), { token: north.apiKey })).body.name).toBe('sam');
  });

  it('refuses to delete while an email to the contact is being handed to the relay (409, Retry-After), then deletes', async () => {
    const temp = (await createContact(api, admin, north.id, { ...MATERNITY_DAILY, name: 'temp', email: 'temp@northshire.example' })).id;
    // A sender's claim on a pending digest, as MailSendLease takes it.
    await claimedDigest(stack.db, temp);
    const busy = await api.request<ErrorBody>('DELETE', path(north, temp), { token: north.apiKey });
    expect(busy.status).toBe(409);
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(85);
    expect(Number(busy.headers.get('retry-after'))).toBeLessThanOrEqual(90);
    expect(busy.body.details.map((d) => d.field)).toEqual(['contactId']);
    expect((await api.get(path(north, temp), { token: north.apiKey })).status).toBe(200);

    // The claim ends (sent, recorded): the contact can go, and its digest row with it.
    await stack.db.query(`UPDATE digest SET status = 'sent', sent_at = now(), sending_until = NULL WHERE contact_id = $1`, [temp]);
    expect((await api.request('DELETE', path(north, temp), { token: north.apiKey })).status).toBe(204);
    expect((await stack.db.query(`SELECT 1 FROM digest WHERE contact_id = $1`, [temp])).rowCount).toBe(0);
    expect(await auditRows('contact.delete', temp)).toEqual([
      {
        actor_kind: 'organisation',
        actor_id: north.id,
        organisation_id: north.id,
        detail: { unsentAlerts: 0, unsentDigestItems: 0, unsentDigests: 0, unsentOmbudsmanMail: 0, sent: 1 },
      },
    ]);
  });

  it('deletes a contact (own organisation; another gets 404): its unsent mail is discarded and the next digest run sends it nothing', async () => {
    // Learning routed to every Northshire contact, waiting for the daily digest.
    const [complaintId] = await submitComplaints(api, north.apiKey, [complaintRecord({ receivedAt: new Date(Date.now() - 60_000).toISOString(), closedAt: undefined })]);
    await stack.waitFor(
      async () => (await stack.db.query(`SELECT 1 FROM delivery WHERE complaint_id = $1 AND mode = 'digest' AND contact_id = ANY($2)`, [complaintId, [contacts.sam, contacts.gone]])).rowCount === 2,
      'digest deliveries for sam and gone',
    );

    expect((await api.request('DELETE', path(north, contacts.gone), { token: south.apiKey })).status).toBe(404);
    expect((await api.request('DELETE', path(south, contacts.gone), { token: south.apiKey })).status).toBe(404);
    expect((await api.get(path(north, contacts.gone), { token: north.apiKey })).status).toBe(200);

    const deleted = await api.request('DELETE', path(north, contacts.gone), { token: north.apiKey });
    expect(deleted.status).toBe(204);
    expect((await api.get(path(north, contacts.gone), { token: north.apiKey })).status).toBe(404);
    expect((await api.request('DELETE', path(north, contacts.gone), { token: north.apiKey })).status).toBe(404);
    const listed = await api.get<{ items: Contact[] }>(`/v1/organisations/${north.id}/contacts`, { token: north.apiKey });
    expect(listed.body.items.map((c) => c.email).sort()).toEqual(['rita.patel@northshire.example', 'sam@northshire.example']);
    expect(await auditRows('contact.delete', contacts.gone)).toEqual([
      {
        actor_kind: 'organisation',
        actor_id: north.id,
        organisation_id: north.id,
        detail: { unsentAlerts: 0, unsentDigestItems: 1, unsentDigests: 0, unsentOmbudsmanMail: 0, sent: 0 },
      },
    ]);

    // The daily digest for today's learning: sam's arrives; that and no pending digest left is the run's end.
    const tomorrow = new Date(Date.now() + DAY_MS);
    const run = await api.post<{ queued: number }>('/v1/digests/run', { token: admin, body: { frequency: 'daily', asOf: tomorrow.toISOString() } });
    expect(run.status).toBe(202);
    await smtp.waitFor(() => smtp.to('sam@northshire.example').some((m) => m.subject.length > 0 && m.messageId.startsWith('<digest.')), 'sam’s daily digest');
    await stack.waitFor(async () => (await stack.db.query(`SELECT 1 FROM digest WHERE status = 'pending'`)).rowCount === 0, 'every digest of the run settled');

    expect(smtp.to('gone@northshire.example')).toEqual([]);
    expect(smtp.messages.filter((m) => m.envelopeTo.includes('gone@northshire.example'))).toEqual([]);
    expect((await stack.db.query(`SELECT 1 FROM delivery WHERE contact_id = $1 UNION ALL SELECT 1 FROM digest WHERE contact_id = $1`, [contacts.gone])).rowCount).toBe(0);
  });
});
