import { ApiClient } from './support/api-client';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { CaughtMail, TestSmtpServer } from './support/smtp-catcher';
import { TestStack } from './support/test-stack';

/*
 * What another body's contact receives of a complaint (docs/data-protection.md, "Sharing
 * across bodies"): with SHARE_SUMMARIES_ACROSS_BODIES unset (false), themes, sector and what
 * changed, never the free-text summary; with it on, the summary too. Real ingest, worker,
 * PostgreSQL, Redis and SMTP.
 */
const SUMMARY = 'The family were not told that the scan had been delayed for two weeks and nobody returned their calls.';
const SUMMARY_WORDS = 'scan had been delayed';
const LEARNING = 'Scan results are now phoned to parents within 24 hours.';
const DAY_MS = 86_400_000;

async function sharedDigest(share: string | undefined): Promise<{ mail: CaughtMail; serviceArea: string }> {
  const smtp = new TestSmtpServer();
  await smtp.start();
  const env: Record<string, string> = { SMTP_URL: smtp.url, MAIL_DISPATCH_INTERVAL_MS: '300', LEARNING_REFRESH_INTERVAL_MS: '500' };
  if (share !== undefined) env.SHARE_SUMMARIES_ACROSS_BODIES = share;
  const stack = new TestStack({ env });
  try {
    await stack.start();
    const api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    const source: CreatedOrganisation = await createOrganisation(api, admin, { name: 'Northshire Hospitals NHS Trust', sector: 'health' });
    const other: CreatedOrganisation = await createOrganisation(api, admin, { name: 'Southvale University Hospitals', sector: 'health' });
    await createContact(api, admin, other.id, { name: 'Tara Green', email: 'tara@southvale.example', themes: ['communication', 'delay', 'clinical-care', 'diagnosis'], digest: 'daily' });
    const [complaintId] = await submitComplaints(api, source.apiKey, [
      {
        ...complaintRecord({ reference: 'NHT-SHARE-1', serviceArea: 'Maternity (midwife Edith Blackwood)', summary: SUMMARY, learning: LEARNING }),
        receivedAt: new Date(Date.now() - 60_000).toISOString(),
        closedAt: undefined,
      },
    ]);
    await stack.waitFor(async () => (await stack.statusCounts()).processed === 1, 'the complaint processed');
    const { rows } = await stack.db.query<{ service_area: string }>('SELECT service_area FROM complaint WHERE id = $1', [complaintId]);
    const run = await api.post('/v1/digests/run', { token: admin, body: { frequency: 'daily', asOf: new Date(Date.now() + DAY_MS).toISOString() } });
    expect(run.status).toBe(202);
    await smtp.waitFor(() => smtp.messages.some((m) => m.envelopeTo.includes('tara@southvale.example')), "the other body's digest");
    const mail = smtp.messages.find((m) => m.envelopeTo.includes('tara@southvale.example')) as CaughtMail;
    return { mail, serviceArea: rows[0].service_area };
  } finally {
    await stack.stop();
    await smtp.stop();
  }
}

describe('learning shared with other bodies (real stack and SMTP)', () => {
  it('by default sends another body themes, sector and what changed, but not the summary', async () => {
    const { mail, serviceArea } = await sharedDigest(undefined);
    expect(mail.text).toContain('Themes: ');
    expect(mail.text).toContain('Sector: Health');
    expect(mail.text).toContain('phoned to parents');
    expect(mail.raw).not.toContain(SUMMARY_WORDS);
    for (const foreign of ['NHT-SHARE-1', 'Northshire', 'Edith', 'Blackwood', 'Maternity (']) expect(mail.raw).not.toContain(foreign);
    // The service area is redacted where the worker stores it.
    expect(serviceArea).toBe('Maternity (midwife [name])');
  }, 120_000);

  it('includes the summary when SHARE_SUMMARIES_ACROSS_BODIES=true', async () => {
    const { mail } = await sharedDigest('true');
    expect(mail.text).toContain(SUMMARY_WORDS);
    expect(mail.text).toContain('Sector: Health');
    for (const foreign of ['NHT-SHARE-1', 'Northshire', 'Edith', 'Blackwood']) expect(mail.raw).not.toContain(foreign);
  }, 120_000);
});
