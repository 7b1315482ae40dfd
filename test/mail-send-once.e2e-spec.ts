import { Job, Queue } from 'bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { JobName, QueueName, redisOptionsFromUrl, sendMailJobId } from '@app/contracts';
import type { DigestFrequency } from '@app/domain';
import { unsubscribeToken } from '@app/mail';
import { dataSourceOptions, HeldMailRepository } from '@app/persistence';
import { createWorkerApp } from '../apps/worker/src/worker.app';
import { ApiClient } from './support/api-client';
import { SECOND_SERIOUS_TEXT, SERIOUS_TEXT } from './support/complaint-texts';
import { inDoubtDigest } from './support/db-fixtures';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestSmtpServer } from './support/smtp-catcher';
import { mailSettled } from './support/mail-quiet';
import { TestStack } from './support/test-stack';

const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The test's own connections; every other backend on its database belongs to the apps. */
const HARNESS = 'mail-send-once-harness';
/** How long the database refuses connections after a message was accepted. */
const OUTAGE_MS = 1500;

const THIRD_SERIOUS_TEXT =
  'An elderly man died in the corridor of the emergency department after waiting eleven hours on a trolley. His ' +
  'observations were not repeated, the sepsis screening tool was not used, and his daughter was not told he had ' +
  'been moved until the next morning.';

interface DeliveryState {
  id: string;
  email: string;
  sent_at: Date | null;
  message_id: string | null;
  failure_reason: string | null;
  send_attempts: number;
  sending_until: Date | null;
}

const FOURTH_SERIOUS_TEXT =
  'A woman with a known heart condition died at home after the trust cancelled her cardiology appointment three ' +
  'times. Referral letters were lost, nobody chased the urgent echocardiogram, and the family complaint about the ' +
  'cancellations went unanswered for five months.';

/**
 * Immediate alerts sent at most once, with real PostgreSQL, Redis, worker and SMTP: the
 * outcome of a send survives the database going away right after the relay accepted the
 * message; a lease keeps other senders off; a contact who unsubscribed gets no alert; an
 * alert in doubt is held (MAIL_IN_DOUBT=hold, the default) or sent again (`resend`), and a
 * held one is sent once more when released.
 */
describe('mail: each email sent once, whatever happens to PostgreSQL (real stack)', () => {
  const smtp = new TestSmtpServer();
  let stack: TestStack;
  let api: ApiClient;
  let admin: string;
  let harness: Pool;
  let superuser: Client;
  let database: string;
  const orgs: Record<string, CreatedOrganisation> = {};
  const contacts: Record<string, string> = {};

  const acuteCare = (summary: string) => complaintRecord({ summary, serviceArea: 'Acute care' });

  /** Polls through the harness pool; a query refused during an outage just means "not yet". */
  const waitFor = async <T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 40_000): Promise<T> =>
    stack.waitFor(() => probe().catch(() => undefined), what, timeoutMs);

  const immediate = async (complaintIds: string[]): Promise<DeliveryState[]> =>
    (
      await harness.query<DeliveryState>(
        `SELECT d.id, ct.email, d.sent_at, d.message_id, d.failure_reason, d.send_attempts, d.sending_until
         FROM delivery d JOIN contact ct ON ct.id = d.contact_id WHERE d.mode = 'immediate' AND d.complaint_id = ANY($1::uuid[])`,
        [complaintIds],
      )
    ).rows;

  const processedAndSettled = async (complaintIds: string[]): Promise<DeliveryState[]> => {
    await waitFor(async () => {
      const { rows } = await harness.query(`SELECT 1 FROM complaint WHERE id = ANY($1::uuid[]) AND status = 'processed'`, [complaintIds]);
      return rows.length === complaintIds.length;
    }, 'the complaints to be processed');
    return waitFor(async () => {
      const rows = await immediate(complaintIds);
      return rows.length > 0 && rows.every((d) => d.sent_at !== null || d.failure_reason !== null) && rows;
    }, 'every immediate alert to be recorded');
  };

  const heldMetric = async (): Promise<number> => {
    const metrics = (await api.get<string>('/metrics')).body;
    return Number(/^mail_held_emails\{kind="alert"\} (\d+)$/m.exec(metrics)?.[1]);
  };

  /** An alert's Message-ID: `<delivery.{delivery id}@{the MAIL_FROM domain: localhost here}>`. */
  const alertId = (deliveryId: string): string => `<delivery.${deliveryId}@localhost>`;

  const mailQuiet = (): Promise<void> => mailSettled(stack, smtp);

  beforeAll(async () => {
    await smtp.start();
    stack = new TestStack({
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://127.0.0.1:3999', MAIL_DISPATCH_INTERVAL_MS: '300', MAIL_RETRY_DELAY_MS: '200' },
    });
    // Its connections may be terminated with the apps': an idle client's error is not ours.
    stack.db.on('error', () => undefined);
    await stack.start();
    database = new URL(stack.config.databaseUrl).pathname.slice(1);
    harness = new Pool({ connectionString: stack.config.databaseUrl, max: 2, idleTimeoutMillis: 0, application_name: HARNESS });
    harness.on('error', () => undefined);
    superuser = new Client({ connectionString: BASE_DATABASE_URL, application_name: HARNESS });
    await superuser.connect();
    api = new ApiClient(stack.baseUrl);
    admin = stack.config.adminToken;
    orgs.ombudsman = await createOrganisation(api, admin, { name: 'Ombudsman', kind: 'ombudsman', sector: 'other' });
    orgs.west = await createOrganisation(api, admin, { name: 'West Hospitals NHS Trust', sector: 'health' });
    orgs.east = await createOrganisation(api, admin, { name: 'East Hospitals NHS Trust', sector: 'health' });
    orgs.north = await createOrganisation(api, admin, { name: 'North Hospitals NHS Trust', sector: 'health' });
    const people: Array<[string, string, DigestFrequency]> = [
      ['ombudsman', 'casework@ombudsman.example', 'weekly'],
      ['ombudsman', 'director@ombudsman.example', 'none'],
      ['west', 'stays@west.example', 'daily'],
      ['west', 'leaves@west.example', 'daily'],
      ['east', 'quality@east.example', 'daily'],
      ['east', 'chief@east.example', 'none'],
      ['north', 'quality@north.example', 'daily'],
      ['north', 'chief@north.example', 'none'],
    ];
    for (const [org, email, digest] of people) contacts[email] = (await createContact(api, admin, orgs[org].id, { name: email.split('@')[0], email, digest })).id;
  });

  afterAll(async () => {
    smtp.afterAccept = undefined;
    await superuser?.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await superuser?.end().catch(() => undefined);
    await harness?.end().catch(() => undefined);
    await stack?.stop();
    await smtp.stop();
  });

  it('sends no alert to a contact who unsubscribed; the delivery records why', async () => {
    const token = encodeURIComponent(unsubscribeToken(stack.config.unsubscribeKeys.current, contacts['leaves@west.example']));
    const unsubscribed = await api.post<string>(`/v1/unsubscribe?token=${token}`, { rawBody: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
    expect(unsubscribed.status).toBe(200);

    const [complaint] = await submitComplaints(api, orgs.west.apiKey, [acuteCare(SERIOUS_TEXT)]);
    const deliveries = await processedAndSettled([complaint]);
    const byEmail = Object.fromEntries(deliveries.map((d) => [d.email, d]));
    // Routing still names the contact; the sender is what honours the unsubscribe.
    expect(Object.keys(byEmail).sort()).toEqual(['casework@ombudsman.example', 'director@ombudsman.example', 'leaves@west.example', 'stays@west.example']);
    expect(byEmail['leaves@west.example']).toMatchObject({ sent_at: null, message_id: null, failure_reason: 'not sent: the contact unsubscribed' });
    await mailQuiet();
    expect(smtp.to('leaves@west.example')).toEqual([]);
    for (const email of ['stays@west.example', 'casework@ombudsman.example', 'director@ombudsman.example']) {
      expect(byEmail[email]).toMatchObject({ message_id: alertId(byEmail[email].id), failure_reason: null });
      expect(smtp.count(alertId(byEmail[email].id))).toBe(1);
    }
  });

  it('records each alert sent exactly once when PostgreSQL drops every connection right after the SMTP server accepted it', async () => {
    const outages: Array<{ messageId: string; blockedAt: Date }> = [];
    let reopenAt = 0;
    let reopening: Promise<void> | undefined;
    let chain = Promise.resolve();
    // The first four alerts accepted: before answering 250, refuse new connections to the
    // test database and terminate the apps' backends; reopen OUTAGE_MS after the last one.
    const complaints = (
      await Promise.all([submitComplaints(api, orgs.east.apiKey, [acuteCare(SECOND_SERIOUS_TEXT)]), submitComplaints(api, orgs.north.apiKey, [acuteCare(THIRD_SERIOUS_TEXT)])])
    ).flat();
    smtp.afterAccept = (mail) => {
      if (!mail.messageId.startsWith('<delivery.') || outages.length >= 4 || outages.some((o) => o.messageId === mail.messageId)) return Promise.resolve();
      const outage = { messageId: mail.messageId, blockedAt: new Date(0) };
      outages.push(outage);
      chain = chain.then(async () => {
        await superuser.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
        const { rows } = await superuser.query<{ now: Date }>(
          `SELECT now(), count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2`,
          [database, HARNESS],
        );
        outage.blockedAt = rows[0].now;
        reopenAt = Date.now() + OUTAGE_MS;
        reopening ??= (async () => {
          while (Date.now() < reopenAt) await new Promise((resolve) => setTimeout(resolve, reopenAt - Date.now()));
          await superuser.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
          reopening = undefined;
        })();
      });
      return chain;
    };

    const deliveries = await processedAndSettled(complaints);
    await reopening;
    await mailQuiet();
    smtp.afterAccept = undefined;

    expect(outages.length).toBeGreaterThanOrEqual(2);
    // Two serious complaints, each alerted to both Ombudsman contacts and both of the body's.
    expect(deliveries).toHaveLength(8);
    for (const delivery of deliveries) {
      const id = alertId(delivery.id);
      expect(delivery).toMatchObject({ message_id: id, failure_reason: null, sending_until: null });
      expect(delivery.sent_at).not.toBeNull();
      // The SMTP server received every alert once: no resend after a lost connection.
      expect([id, smtp.count(id)]).toEqual([id, 1]);
    }
    // The outcome of each message caught by an outage was written after the outage began:
    // the write was retried until PostgreSQL took connections again, not given up.
    for (const outage of outages) {
      const delivery = deliveries.find((d) => alertId(d.id) === outage.messageId);
      expect(delivery?.sent_at?.getTime()).toBeGreaterThan(outage.blockedAt.getTime());
    }
  });

  it('releases the lease when the SMTP server answers 4xx, so the retry sends within seconds', async () => {
    // Refused twice with 421: were the lease kept, the retries would find the alert busy
    // and it would wait for the lease to expire (minutes).
    smtp.tempFail.set('stays@west.example', 2);
    const [complaint] = await submitComplaints(api, orgs.west.apiKey, [
      acuteCare(
        'The ward failed to act on a patient choking on food; he suffered a cardiac arrest and died. Staff had not followed the ' +
          'speech and language therapy plan and the family were misled afterwards.',
      ),
    ]);
    const deliveries = await processedAndSettled([complaint]);
    await mailQuiet();
    expect(smtp.tempFail.get('stays@west.example')).toBe(0);
    const stays = deliveries.find((d) => d.email === 'stays@west.example');
    expect(stays).toMatchObject({ message_id: alertId(stays?.id ?? ''), sending_until: null, send_attempts: 3 });
    for (const delivery of deliveries.filter((d) => d.email !== 'leaves@west.example')) expect(smtp.count(alertId(delivery.id))).toBe(1);
  });

  /** A sent alert put back as claimed by someone who never recorded an outcome. */
  const inDoubt = async (email: string, lease: { live: boolean; claimedBy: string | null }): Promise<{ deliveryId: string; attempts: number }> => {
    const { rows } = await harness.query<{ id: string; send_attempts: number }>(
      `SELECT d.id, d.send_attempts FROM delivery d JOIN contact ct ON ct.id = d.contact_id
       WHERE d.mode = 'immediate' AND d.sent_at IS NOT NULL AND ct.email = $1 ORDER BY d.created_at LIMIT 1`,
      [email],
    );
    const [{ id: deliveryId, send_attempts: attempts }] = rows;
    expect(smtp.count(alertId(deliveryId))).toBe(1);
    await harness.query(
      `UPDATE delivery SET sent_at = NULL, message_id = NULL, claim_token = gen_random_uuid(), claimed_by = $2,
         sending_until = now() + CASE WHEN $3 THEN interval '1 hour' ELSE interval '-1 second' END
       WHERE id = $1`,
      [deliveryId, lease.claimedBy, lease.live],
    );
    return { deliveryId, attempts };
  };

  const recorded = (deliveryId: string): Promise<Pick<DeliveryState, 'message_id' | 'sending_until' | 'send_attempts'>> =>
    waitFor(async () => {
      const { rows } = await harness.query<DeliveryState>(`SELECT message_id, sending_until, send_attempts FROM delivery WHERE id = $1 AND sent_at IS NOT NULL`, [deliveryId]);
      return rows[0];
    }, 'the in-doubt alert to be sent again and recorded');

  const state = async (deliveryId: string): Promise<DeliveryState> =>
    (await harness.query<DeliveryState>(`SELECT d.id, ct.email, d.sent_at, d.message_id, d.failure_reason, d.send_attempts, d.sending_until FROM delivery d JOIN contact ct ON ct.id = d.contact_id WHERE d.id = $1`, [deliveryId])).rows[0];

  const held = (deliveryId: string): Promise<DeliveryState> =>
    waitFor(async () => {
      const row = await state(deliveryId);
      return row.failure_reason?.startsWith('in doubt: ') && row;
    }, 'the in-doubt alert to be held');

  it('holds an alert whose lease expired without an outcome: recorded as held, never sent again; released, it is sent once more', async () => {
    const { deliveryId, attempts } = await inDoubt('casework@ombudsman.example', { live: false, claimedBy: null });
    const id = alertId(deliveryId);
    const row = await held(deliveryId);
    expect(row).toMatchObject({ sent_at: null, message_id: null, sending_until: null, send_attempts: attempts });
    expect(row.failure_reason).toMatch(/^in doubt: the sender stopped after claiming it \(attempt \d+; its lease expired and ended without an outcome\); not sent again so that nobody receives it twice — check the relay's log, then release it with npm run mail:release$/);
    // A sweep has run since and found nothing to send: had it been sent again, it would be here by now.
    await mailQuiet();
    expect(smtp.count(id)).toBe(1);
    expect(await state(deliveryId)).toMatchObject({ sent_at: null, send_attempts: attempts });

    const db = await new DataSource(dataSourceOptions({ ...stack.config, poolSize: 1 })).initialize();
    try {
      expect((await new HeldMailRepository(db).list()).map((mail) => [mail.kind, mail.id, mail.email])).toEqual([['alert', deliveryId, 'casework@ombudsman.example']]);
      // Monitoring sees it too: the ingest's /metrics counts held emails by kind.
      expect(await heldMetric()).toBe(1);
      expect(await new HeldMailRepository(db).release([deliveryId])).toEqual([{ kind: 'alert', id: deliveryId }]);
      expect(await heldMetric()).toBe(0);
      expect(await recorded(deliveryId)).toEqual({ message_id: id, sending_until: null, send_attempts: attempts + 1 });
      await mailQuiet();
      expect(smtp.count(id)).toBe(2);
      // Released once: nothing is held any more, and releasing again does nothing.
      expect(await new HeldMailRepository(db).list()).toEqual([]);
      expect(await new HeldMailRepository(db).release([deliveryId])).toEqual([]);
      expect(await new HeldMailRepository(db).release('all')).toEqual([]);
      await mailQuiet();
      expect(smtp.count(id)).toBe(2);
    } finally {
      await db.destroy();
    }
  });

  it('keeps everyone off a live lease; the next run of the job that took it (a crashed worker\'s job, recovered by BullMQ) holds it', async () => {
    const queue = new Queue(QueueName.Mail, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
    try {
      const { deliveryId, attempts } = await inDoubt('director@ombudsman.example', { live: true, claimedBy: 'another-job' });
      const id = alertId(deliveryId);
      const jobId = sendMailJobId({ kind: 'alert', id: deliveryId });
      // Held by another job: the sweep leaves it alone and a run of this job finds it busy.
      const busy = await queue.add(JobName.SendMail, { kind: 'alert', id: deliveryId }, { jobId, removeOnComplete: false });
      await waitFor(async () => (await busy.isCompleted()) || undefined, 'the send-mail job');
      expect((await Job.fromId(queue, jobId))?.returnvalue).toBe('busy');
      await busy.remove();
      await mailQuiet();
      expect(smtp.count(id)).toBe(1);
      expect((await state(deliveryId)).failure_reason).toBeNull();

      // Taken by this very job id, whose earlier run is over: the next run holds it.
      await harness.query(`UPDATE delivery SET claimed_by = $2 WHERE id = $1`, [deliveryId, jobId]);
      const next = await queue.add(JobName.SendMail, { kind: 'alert', id: deliveryId }, { jobId, removeOnComplete: false });
      await waitFor(async () => (await next.isCompleted()) || undefined, 'the send-mail job');
      expect((await Job.fromId(queue, jobId))?.returnvalue).toBe('held');
      await next.remove();
      const row = await held(deliveryId);
      expect(row).toMatchObject({ sent_at: null, sending_until: null, send_attempts: attempts });
      expect(row.failure_reason).toMatch(/^in doubt: the sender stopped after claiming it \(attempt \d+; the earlier run of its send-mail job ended without an outcome\)/);
      await mailQuiet();
      expect(smtp.count(id)).toBe(1);

      // The relay's log shows it was delivered: the operator records it as sent, with its Message-ID.
      const db = await new DataSource(dataSourceOptions({ ...stack.config, poolSize: 1 })).initialize();
      try {
        expect(await new HeldMailRepository(db).recordDelivered([{ kind: 'alert', id: deliveryId, messageId: id }])).toEqual([{ kind: 'alert', id: deliveryId }]);
        expect(await state(deliveryId)).toMatchObject({ message_id: id, failure_reason: null, sending_until: null, send_attempts: attempts });
        expect((await state(deliveryId)).sent_at).not.toBeNull();
        expect((await new HeldMailRepository(db).list()).map((mail) => mail.id)).not.toContain(deliveryId);
        // Only held emails: recording it again, or releasing it, changes nothing, and nothing is sent.
        expect(await new HeldMailRepository(db).recordDelivered([{ kind: 'alert', id: deliveryId, messageId: id }])).toEqual([]);
        expect(await new HeldMailRepository(db).release([deliveryId])).toEqual([]);
        await mailQuiet();
        expect(smtp.count(id)).toBe(1);
      } finally {
        await db.destroy();
      }
    } finally {
      await queue.close();
    }
  });

  it('records a held digest the relay delivered as sent, with its routed items', async () => {
    // A digest held in doubt for a contact with routed items not yet sent.
    const { rows: routed } = await harness.query<{ contact_id: string; first: Date; last: Date }>(
      `SELECT contact_id, min(created_at) AS first, max(created_at) AS last FROM delivery
       WHERE mode = 'digest' AND sent_at IS NULL GROUP BY contact_id ORDER BY contact_id LIMIT 1`,
    );
    expect(routed).toHaveLength(1);
    const { contact_id: contactId, first, last } = routed[0];
    const digestId = await inDoubtDigest(harness, contactId, first, last);
    const db = await new DataSource(dataSourceOptions({ ...stack.config, poolSize: 1 })).initialize();
    try {
      expect((await new HeldMailRepository(db).list()).map((mail) => mail.id)).toContain(digestId);
      const messageId = '<digest.held@test.example>';
      expect(await new HeldMailRepository(db).recordDelivered([{ kind: 'digest', id: digestId, messageId }])).toEqual([{ kind: 'digest', id: digestId }]);
      const { rows: after } = await harness.query(`SELECT status, message_id, failure_reason FROM digest WHERE id = $1`, [digestId]);
      expect(after[0]).toEqual({ status: 'sent', message_id: messageId, failure_reason: null });
      const { rows: items } = await harness.query<{ unsent: number; marked: number }>(
        `SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent, count(*) FILTER (WHERE message_id = $2)::int AS marked
         FROM delivery WHERE contact_id = $1 AND mode = 'digest'`,
        [contactId, messageId],
      );
      expect(items[0].unsent).toBe(0);
      expect(items[0].marked).toBeGreaterThan(0);
    } finally {
      await db.destroy();
    }
  });

  it('never sends a crash-held digest again, even when its run is repeated; released through mail:release, it goes out exactly once more', async () => {
    const asOf = new Date(Date.now() + 86_400_000).toISOString();
    const run = await api.post<{ queued: number }>('/v1/digests/run', { token: admin, body: { frequency: 'daily', asOf } });
    expect(run.status).toBe(202);
    expect(run.body.queued).toBeGreaterThan(0);
    await mailQuiet();
    const { rows } = await harness.query<{ id: string; message_id: string; send_attempts: number }>(
      `SELECT dg.id, dg.message_id, dg.send_attempts FROM digest dg JOIN contact ct ON ct.id = dg.contact_id
       WHERE dg.frequency = 'daily' AND dg.status = 'sent' AND dg.message_id LIKE '<digest.h-%' ORDER BY ct.email LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const [{ id: digestId, message_id: id, send_attempts: attempts }] = rows;
    expect(smtp.count(id)).toBe(1);

    // The sender crashed after the relay took it and before the outcome write: the row is
    // still pending under a lease that has expired, its items not marked sent.
    await harness.query(`UPDATE delivery SET sent_at = NULL, message_id = NULL WHERE mode = 'digest' AND message_id = $1`, [id]);
    await harness.query(
      `UPDATE digest SET status = 'pending', sent_at = NULL, message_id = NULL, claim_token = gen_random_uuid(), claimed_by = NULL,
         sending_until = now() - interval '1 second' WHERE id = $1`,
      [digestId],
    );
    const digestState = async () =>
      (await harness.query<{ status: string; failure_reason: string | null; send_attempts: number; message_id: string | null }>(
        `SELECT status, failure_reason, send_attempts, message_id FROM digest WHERE id = $1`,
        [digestId],
      )).rows[0];
    await waitFor(async () => (await digestState()).status !== 'pending', 'the in-doubt digest to be decided');
    await mailQuiet();
    expect(smtp.count(id)).toBe(1);
    const heldDigest = await digestState();
    expect(heldDigest).toMatchObject({ status: 'failed', send_attempts: attempts, message_id: null });
    expect(heldDigest.failure_reason).toMatch(/^in doubt: the sender stopped after claiming it/);

    // The same run again (a retried request, the scheduler firing) plans nothing and sends nothing.
    const again = await api.post<{ queued: number }>('/v1/digests/run', { token: admin, body: { frequency: 'daily', asOf } });
    expect(again.status).toBe(202);
    expect(again.body.queued).toBe(0);
    await mailQuiet();
    expect(smtp.count(id)).toBe(1);
    expect(await digestState()).toMatchObject({ status: 'failed', send_attempts: attempts });

    // `npm run mail:release -- --ids <id>` runs HeldMailRepository.release: the sweep sends it once more.
    const db = await new DataSource(dataSourceOptions({ ...stack.config, poolSize: 1 })).initialize();
    try {
      const heldMail = new HeldMailRepository(db);
      expect((await heldMail.list()).filter((mail) => mail.kind === 'digest').map((mail) => mail.id)).toEqual([digestId]);
      expect(await heldMail.release([digestId])).toEqual([{ kind: 'digest', id: digestId }]);
      await waitFor(async () => (await digestState()).status === 'sent', 'the released digest to be sent');
      await mailQuiet();
      expect(await digestState()).toMatchObject({ status: 'sent', message_id: id, failure_reason: null, send_attempts: attempts + 1 });
      expect(smtp.count(id)).toBe(2);
      // Released once: releasing it again, or everything, sends nothing more.
      expect(await heldMail.release([digestId])).toEqual([]);
      expect(await heldMail.release('all')).toEqual([]);
      await mailQuiet();
      expect(smtp.count(id)).toBe(2);
    } finally {
      await db.destroy();
    }
  });

  it('holds, and does not retry, an alert whose connection dropped after the message data, before the relay answered', async () => {
    // The relay keeps the message, then hangs up without its 250: delivered, but the sender cannot know.
    smtp.dropAfterData.set('stays@west.example', 1);
    const [complaint] = await submitComplaints(api, orgs.west.apiKey, [acuteCare(FOURTH_SERIOUS_TEXT)]);
    const deliveries = await processedAndSettled([complaint]);
    await mailQuiet();
    expect(smtp.dropAfterData.get('stays@west.example')).toBe(0);
    const stays = deliveries.find((d) => d.email === 'stays@west.example');
    expect(stays).toMatchObject({ sent_at: null, message_id: null, sending_until: null, send_attempts: 1 });
    expect(stays?.failure_reason).toMatch(/^in doubt: the relay never answered: ECONNECTION: .* \(after the whole message was sent, before the relay answered\) \(attempt 1\); not sent again/);
    expect(smtp.count(alertId(stays?.id ?? ''))).toBe(1);
    for (const delivery of deliveries.filter((d) => d.email !== 'leaves@west.example' && d.email !== 'stays@west.example')) {
      expect(delivery).toMatchObject({ message_id: alertId(delivery.id), failure_reason: null });
      expect(smtp.count(alertId(delivery.id))).toBe(1);
    }
  });

  describe('with MAIL_IN_DOUBT=resend', () => {
    let resender: INestApplicationContext | undefined;

    beforeAll(async () => {
      await stack.stopWorker();
      resender = await createWorkerApp({ ...stack.config, mailInDoubt: 'resend' });
    });

    afterAll(async () => {
      await resender?.close();
    });

    it('sends again, with the same Message-ID, an alert whose lease expired without an outcome', async () => {
      const { deliveryId, attempts } = await inDoubt('quality@north.example', { live: false, claimedBy: null });
      const id = alertId(deliveryId);
      expect(await recorded(deliveryId)).toEqual({ message_id: id, sending_until: null, send_attempts: attempts + 1 });
      await mailQuiet();
      expect(smtp.count(id)).toBe(2);
    });

    it('retries an alert whose connection dropped after the message data: it arrives twice, with the same Message-ID', async () => {
      smtp.dropAfterData.set('quality@east.example', 1);
      const [complaint] = await submitComplaints(api, orgs.east.apiKey, [
        acuteCare(
          'A baby was stillborn after midwives ignored the mother\'s reports of reduced movements twice. The CTG trace was ' +
            'misread, the on-call registrar was not called for four hours and the incident review was never shared with the parents.',
        ),
      ]);
      const deliveries = await processedAndSettled([complaint]);
      await mailQuiet();
      const quality = deliveries.find((d) => d.email === 'quality@east.example');
      const id = alertId(quality?.id ?? '');
      expect(quality).toMatchObject({ message_id: id, failure_reason: null, send_attempts: 2 });
      expect(smtp.count(id)).toBe(2);
    });
  });
});
