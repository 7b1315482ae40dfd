import { sleep } from '../../bench/lib/app-process';
import { TestSmtpServer } from '../support/smtp-catcher';
import { FaultStack } from './support/fault-stack';

/*
 * kill -9 of the worker while its mail slots are busy: some alerts have reached the SMTP
 * server, which holds back its `250` answer — the message has reached the relay, the sender
 * does not know it yet, the one case the send lease cannot settle (docs/guarantees.md,
 * window 3). Other send-mail jobs wait for a free SMTP connection *before* claiming their
 * alert, so only the alerts being transmitted are under a lease with no outcome. A new worker
 * must not wait for the leases to expire (10 minutes): BullMQ's stalled-job check gives it
 * the dead worker's send-mail jobs, whose next run finds each lease ended without an outcome
 * and, under the default MAIL_IN_DOUBT=hold, records the alert as held (logged with its id)
 * instead of sending it again. No Message-ID arrives twice; every other alert is sent once.
 */
describe('fault: kill -9 of a worker with alerts in flight', () => {
  const stack = new FaultStack({ name: 'mail-kill' });
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    await stack.setup();
    await smtp.start();
  });
  afterAll(async () => {
    smtp.releaseAll();
    await smtp.stop();
    await stack.teardown();
  });

  it('holds the alerts in flight at the kill, sends every other alert once, and repeats none', async () => {
    const ingest = await stack.startIngest();
    await stack.seed(ingest, 4);
    smtp.holding = true;
    const worker = await stack.startWorker({ SMTP_URL: smtp.url });
    const ids = await stack.submit(ingest, stack.records(400));
    await stack.waitFinished(ids, 120_000);
    await stack.waitUntil(async () => smtp.held.size > 0, 'alerts to wait on the SMTP server', 60_000);
    // Give the other mail jobs time to claim alerts, were they to claim before a connection is free.
    await sleep(1000);
    await worker.kill9();
    // Every message that arrived in full before the kill is kept and held (parsing is asynchronous).
    await smtp.idle();
    const inFlight = new Set(smtp.held);
    smtp.releaseAll();
    // What the dead worker left: claimed under a live lease, nothing recorded.
    const { rows: leased } = await stack.db.query<{ id: string }>(
      `SELECT id FROM delivery WHERE mode = 'immediate' AND sent_at IS NULL AND failure_reason IS NULL AND sending_until > now()`,
    );
    const leasedIds = leased.map((row) => `<delivery.${row.id}@faults.example>`);
    expect(inFlight.size).toBeGreaterThan(0);
    expect([...inFlight].filter((id) => !leasedIds.includes(id))).toEqual([]);

    const takenOver: string[] = [];
    const restartedAt = Date.now();
    await stack.startWorker({ SMTP_URL: smtp.url }, (line) => {
      if (line.includes('mail in doubt: held') && line.includes('ended without an outcome')) takenOver.push(/"id":"([0-9a-f-]{36})"/.exec(line)?.[1] ?? '?');
    });
    await stack.waitUntil(async () => {
      const { rows } = await stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM delivery d JOIN complaint c ON c.id = d.complaint_id
         WHERE d.mode = 'immediate' AND d.sent_at IS NULL AND d.failure_reason IS NULL AND c.status = 'processed'`,
      );
      return rows[0].n === 0;
    }, 'every alert to be sent or held after the restart', 120_000);
    const recoveredInMs = Date.now() - restartedAt;
    await sleep(2000);

    const { rows: alerts } = await stack.db.query<{ id: string; message_id: string | null; failure_reason: string | null }>(
      `SELECT d.id, d.message_id, d.failure_reason FROM delivery d JOIN complaint c ON c.id = d.complaint_id WHERE d.mode = 'immediate' AND c.status = 'processed'`,
    );
    expect(alerts.length).toBeGreaterThan(leasedIds.length);
    const problems: string[] = [];
    for (const alert of alerts) {
      const messageId = `<delivery.${alert.id}@faults.example>`;
      const count = smtp.count(messageId);
      if (leasedIds.includes(messageId)) {
        // In doubt: held, never sent again; received once if it had reached the relay.
        if (!alert.failure_reason?.startsWith('in doubt: ')) problems.push(`${alert.id} was in doubt but is recorded ${alert.message_id ?? alert.failure_reason}`);
        if (count !== (inFlight.has(messageId) ? 1 : 0)) problems.push(`${messageId} (held) received ${count} times`);
      } else {
        if (alert.message_id !== messageId) problems.push(`${alert.id} recorded ${alert.message_id ?? alert.failure_reason}`);
        if (count !== 1) problems.push(`${messageId} received ${count} times, expected 1`);
      }
    }
    expect(problems).toEqual([]);
    expect(smtp.messages.length).toBe(new Set(smtp.messages.map((m) => m.messageId)).size);
    // Only the alerts being transmitted were claimed: no more than the SMTP connections (2).
    expect(leasedIds.length).toBeLessThanOrEqual(2);
    // Each lease left behind ends held with an error naming the row.
    expect(takenOver.map((id) => `<delivery.${id}@faults.example>`).sort()).toEqual([...leasedIds].sort());
    console.log(
      `[mail-kill] ${alerts.length} alerts; killed with ${leasedIds.length} under lease, ${inFlight.size} of them at the relay unanswered; ` +
        `all others sent ${Math.round(recoveredInMs / 1000)} s after the restart; ${leasedIds.length} held, none received twice; ${takenOver.length} held errors logged`,
    );
  });
});
