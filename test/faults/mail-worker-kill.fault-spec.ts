import { sleep } from '../../bench/lib/app-process';
import { TestSmtpServer } from '../support/smtp-catcher';
import { FaultStack } from './support/fault-stack';

/*
 * kill -9 of the worker while its mail slots are busy: some alerts have reached the SMTP
 * server, which holds back its `250` answer — the message has reached the relay, the sender
 * does not know it yet, the one case the send lease cannot settle (docs/guarantees.md,
 * window 3) — the others are claimed and queued in the worker's SMTP connection pool. All
 * are under a lease and none is recorded. A new worker must not wait for the leases to
 * expire (10 minutes): BullMQ's stalled-job check gives it the dead worker's send-mail
 * jobs, whose next run takes each lease over and sends with the same Message-ID, logging a
 * warning. The alerts that had reached the relay — and only those — arrive twice; every
 * alert ends recorded as sent.
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

  it('sends every alert, repeating only the ones in flight at the kill, within the stalled-job check', async () => {
    const ingest = await stack.startIngest();
    await stack.seed(ingest, 4);
    smtp.holding = true;
    const worker = await stack.startWorker({ SMTP_URL: smtp.url });
    const ids = await stack.submit(ingest, stack.records(400));
    await stack.waitFinished(ids, 120_000);
    await stack.waitUntil(async () => smtp.held.size > 0, 'alerts to wait on the SMTP server', 60_000);
    // Let the other mail slots claim alerts and queue behind the held connections.
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
      if (line.includes('ended without an outcome')) takenOver.push(/"id":"([0-9a-f-]{36})"/.exec(line)?.[1] ?? '?');
    });
    await stack.waitUntil(async () => {
      const { rows } = await stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM delivery d JOIN complaint c ON c.id = d.complaint_id
         WHERE d.mode = 'immediate' AND d.sent_at IS NULL AND d.failure_reason IS NULL AND c.status = 'processed'`,
      );
      return rows[0].n === 0;
    }, 'every alert to be sent after the restart', 120_000);
    const recoveredInMs = Date.now() - restartedAt;
    await sleep(2000);

    const { rows: alerts } = await stack.db.query<{ id: string; message_id: string | null }>(
      `SELECT d.id, d.message_id FROM delivery d JOIN complaint c ON c.id = d.complaint_id WHERE d.mode = 'immediate' AND c.status = 'processed'`,
    );
    expect(alerts.length).toBeGreaterThan(leasedIds.length);
    const problems: string[] = [];
    for (const alert of alerts) {
      const messageId = `<delivery.${alert.id}@faults.example>`;
      if (alert.message_id !== messageId) problems.push(`${alert.id} recorded ${alert.message_id}`);
      const expected = inFlight.has(messageId) ? 2 : 1;
      if (smtp.count(messageId) !== expected) problems.push(`${messageId} received ${smtp.count(messageId)} times, expected ${expected}`);
    }
    expect(problems).toEqual([]);
    // Each lease left behind is taken over with a warning naming the row.
    expect(takenOver.map((id) => `<delivery.${id}@faults.example>`).sort()).toEqual([...leasedIds].sort());
    console.log(
      `[mail-kill] ${alerts.length} alerts; killed with ${leasedIds.length} under lease, ${inFlight.size} of them at the relay unanswered; ` +
        `all sent ${Math.round(recoveredInMs / 1000)} s after the restart; only those ${inFlight.size} twice; ${takenOver.length} takeover warnings`,
    );
  });
});
