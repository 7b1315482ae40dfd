import { sleep } from '../../bench/lib/app-process';
import { waitForMailQuiet } from '../support/mail-quiet';
import { FaultStack } from './support/fault-stack';

/*
 * The SMTP relay is down while a digest run sends (POST /v1/digests/run, daily and weekly,
 * which includes the Ombudsman's weekly summary), then comes back. Every digest must end
 * sent exactly once — none lost, none twice — and running the same periods again must send
 * nothing more.
 */
describe('fault: SMTP down during a digest run, then back', () => {
  const stack = new FaultStack({ name: 'smtp-digests' });

  beforeAll(() => stack.setup());
  afterAll(() => stack.teardown());

  it('sends every digest exactly once after the relay returns, and nothing on a second run', async () => {
    const ingest = await stack.startIngest();
    await stack.seed(ingest, 4);
    await stack.startWorker();
    const ids = await stack.submit(ingest, stack.records(300));
    await stack.waitFinished(ids, 120_000);
    await stack.waitMailSettled(60_000);
    const alerts = stack.smtp.received.length;

    // The periods that contain today: tomorrow's daily run and next Monday's weekly run.
    const now = new Date();
    const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8));
    const nextMonday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ((8 - now.getUTCDay()) % 7 || 7), 8));
    const runs = [
      { frequency: 'daily', asOf: tomorrow.toISOString() },
      { frequency: 'weekly', asOf: nextMonday.toISOString() },
    ];

    await stack.smtp.down();
    const planned: Array<{ queued: number; ombudsmanQueued: number }> = [];
    for (const run of runs) planned.push(await stack.call(ingest, 'POST', '/v1/digests/run', stack.adminToken, run, 202));
    const queued = planned.reduce((sum, p) => sum + p.queued + p.ombudsmanQueued, 0);
    expect(queued).toBeGreaterThan(0);
    await sleep(10_000);
    expect(stack.smtp.received.length).toBe(alerts);
    const { rows: waiting } = await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM digest WHERE status = 'pending'`);
    expect(waiting[0].n).toBeGreaterThan(0);

    await stack.smtp.up();
    await stack.waitUntil(async () => {
      const { rows } = await stack.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM digest WHERE status = 'pending') + (SELECT count(*) FROM ombudsman_mail WHERE status = 'pending') AS n`,
      );
      return Number(rows[0].n) === 0;
    }, 'every digest to leave pending once SMTP is back', 90_000);

    // Twice-run: the same periods again plan nothing new and send nothing.
    const again: Array<{ queued: number; ombudsmanQueued: number }> = [];
    for (const run of runs) again.push(await stack.call(ingest, 'POST', '/v1/digests/run', stack.adminToken, run, 202));
    expect(again.every((p) => p.queued === 0 && p.ombudsmanQueued === 0)).toBe(true);
    // Not a fixed pause: the mail queue drained and an outbox sweep since found nothing to send.
    const quiet = await waitForMailQuiet({ redisUrl: stack.redisUrl, prefix: stack.prefix, timeoutMs: 60_000 });

    // Every digest and Ombudsman email sent exactly once, none pending, no Message-ID twice.
    const result = await stack.verifyExactlyOnce(ids, { digests: true });
    expect(result.digests).toMatchObject({ held: 0, failed: 0 });
    expect(result.digests?.sent).toBeGreaterThan(0);
    console.log(`[smtp-digests] ${queued} digests queued while SMTP was down; ${result.digests?.sent} sent after it came back (${result.digests?.empty} empty); ${result.mails} emails in all, none twice; quiet after ${quiet.sweeps} sweep(s)`);
  });
});
