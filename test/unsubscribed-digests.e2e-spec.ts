import { unsubscribeToken } from '@app/mail';
import { ApiClient } from './support/api-client';
import type { DigestFrequency } from '@app/domain';
import { complaintRecord, createContact, createOrganisation, submitComplaints } from './support/fixtures';
import { waitForMailQuiet } from './support/mail-quiet';
import { TestSmtpServer } from './support/smtp-catcher';
import { TestStack } from './support/test-stack';

const DAY_MS = 86_400_000;
type RunAnswer = { queued: number; ombudsmanQueued: number };

/**
 * "A contact who followed the unsubscribe link gets no email of any kind" (docs/guarantees.md,
 * promise 3), for digests and the Ombudsman's weekly summary: unsubscribed through the real
 * one-click POST, then daily and weekly runs through POST /v1/digests/run. The positive
 * control is a subscribed colleague in the same organisation and the same run.
 */
describe('no digest and no Ombudsman weekly email to an unsubscribed contact (real PostgreSQL, Redis and SMTP)', () => {
  const smtp = new TestSmtpServer();
  let stack: TestStack;
  let api: ApiClient;
  let admin: string;
  const contacts: Record<string, string> = {};

  const unsubscribe = async (email: string): Promise<void> => {
    const token = encodeURIComponent(unsubscribeToken(stack.config.unsubscribeKeys.current, contacts[email]));
    const answer = await api.post<string>(`/v1/unsubscribe?token=${token}`, { rawBody: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(200);
  };

  beforeAll(async () => {
    await smtp.start();
    stack = new TestStack({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://127.0.0.1:3999', MAIL_DISPATCH_INTERVAL_MS: '300', MAIL_RETRY_DELAY_MS: '200' } });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    admin = stack.config.adminToken;
    const ombudsman = await createOrganisation(api, admin, { name: 'Ombudsman', kind: 'ombudsman', sector: 'other' });
    const trust = await createOrganisation(api, admin, { name: 'Riverside Hospitals NHS Trust', sector: 'health' });
    const people: Array<[string, string, DigestFrequency]> = [
      [ombudsman.id, 'stays@ombudsman.example', 'weekly'],
      [ombudsman.id, 'leaves@ombudsman.example', 'weekly'],
      [trust.id, 'stays-daily@riverside.example', 'daily'],
      [trust.id, 'leaves-daily@riverside.example', 'daily'],
      [trust.id, 'stays-weekly@riverside.example', 'weekly'],
      [trust.id, 'leaves-weekly@riverside.example', 'weekly'],
    ];
    for (const [organisationId, email, digest] of people) contacts[email] = (await createContact(api, admin, organisationId, { name: email.split('@')[0], email, digest })).id;
    for (const email of ['leaves@ombudsman.example', 'leaves-daily@riverside.example', 'leaves-weekly@riverside.example']) await unsubscribe(email);

    await submitComplaints(
      api,
      trust.apiKey,
      [
        'The discharge letter was sent to the wrong GP and my father went without his new medication for a fortnight.',
        'Nobody explained why the outpatient appointment was cancelled three times, and the phone line was never answered.',
      ].map((summary) => ({ ...complaintRecord({ summary, serviceArea: 'Outpatients' }), receivedAt: new Date(Date.now() - 60_000).toISOString(), closedAt: undefined })),
    );
    await stack.waitFor(async () => {
      const counts = await stack.statusCounts();
      return counts.processed === 2 && counts.received === undefined && counts.processing === undefined;
    }, 'both complaints processed');
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  });

  it('sends the daily and weekly digests and the Ombudsman summary to the subscribed contacts only', async () => {
    const daily = await api.post<RunAnswer>('/v1/digests/run', { token: admin, body: { frequency: 'daily', asOf: new Date(Date.now() + DAY_MS).toISOString() } });
    const weekly = await api.post<RunAnswer>('/v1/digests/run', { token: admin, body: { frequency: 'weekly', asOf: new Date(Date.now() + 7 * DAY_MS).toISOString() } });
    expect([daily.status, weekly.status]).toEqual([202, 202]);
    expect(weekly.body.ombudsmanQueued).toBeGreaterThan(0);
    await waitForMailQuiet({ redisUrl: stack.config.redisUrl, prefix: stack.config.queuePrefix });
    await smtp.idle();

    // Positive control: the colleagues in the same runs got theirs (digests carry <digest.…> Message-IDs).
    const digestsTo = (email: string): string[] => smtp.to(email).filter((m) => m.messageId.startsWith('<digest.')).map((m) => m.subject);
    expect(digestsTo('stays-daily@riverside.example')).toEqual([expect.stringMatching(/^Complaint learning: 2 complaints with learning for Riverside Hospitals NHS Trust/)]);
    expect(digestsTo('stays-weekly@riverside.example')).toEqual([expect.stringMatching(/^Complaint learning: 2 complaints with learning for Riverside Hospitals NHS Trust/)]);
    expect(digestsTo('stays@ombudsman.example')).toContainEqual(expect.stringMatching(/^Complaint learning: 2 complaints, /));

    for (const email of ['leaves@ombudsman.example', 'leaves-daily@riverside.example', 'leaves-weekly@riverside.example']) {
      expect([email, smtp.to(email).map((m) => m.subject)]).toEqual([email, []]);
    }
    // Nothing is left waiting for them either: every row of the runs is in a final state.
    const { rows } = await stack.db.query<{ status: string }>(`SELECT status FROM digest UNION ALL SELECT status FROM ombudsman_mail`);
    expect(rows.filter((row) => row.status === 'pending')).toEqual([]);
  });
});
