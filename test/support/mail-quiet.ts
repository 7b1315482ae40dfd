import { Queue, QueueEvents } from 'bullmq';
import { JobName, QueueName, redisOptionsFromUrl } from '@app/contracts';

export interface MailQuietOptions {
  redisUrl: string;
  /** The stack's BullMQ key prefix (QUEUE_PREFIX). */
  prefix: string;
  timeoutMs?: number;
}

/** What the helper saw; tests may print it or assert on it. */
export interface MailQuiet {
  /** Outbox sweeps (dispatch-mail jobs) seen to start after the mail queue was empty and to finish. */
  sweeps: number;
}

/**
 * Waits for a positive signal that no more email is on its way, so that a test can then
 * assert "sent once" or "sent to nobody" without a fixed sleep (a fixed sleep lets a late
 * second send pass). The signal has two parts, and both must hold together:
 *
 * 1. the mail queue is drained: no send-mail job waiting, active, delayed (a retry),
 *    prioritized or waiting for children;
 * 2. an outbox sweep (the `dispatch-mail` scheduler job, which reads every unsent alert,
 *    digest and Ombudsman email from PostgreSQL) *started after* that moment, finished, and
 *    found nothing to queue (`{ queued: 0 }`), and the mail queue is still drained after it.
 *
 * So PostgreSQL holds no email still to send and Redis holds no job that could send one. If
 * the sweep found something (or a job appeared meanwhile), the wait starts over. Start times
 * come from the Redis stream ids of BullMQ's queue events, so an event of an earlier sweep
 * delivered late is not mistaken for a new one.
 */
export async function waitForMailQuiet(options: MailQuietOptions): Promise<MailQuiet> {
  const connection = redisOptionsFromUrl(options.redisUrl);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const mail = new Queue(QueueName.Mail, { connection, prefix: options.prefix });
  const events = new QueueEvents(QueueName.Digests, { connection, prefix: options.prefix });
  let drainedAt = Number.POSITIVE_INFINITY;
  const startedAfterDrain = new Set<string>();
  const finished: Array<{ jobId: string; queued: number }> = [];
  let sweeps = 0;
  const isSweep = (jobId: string): boolean => jobId.startsWith(`repeat:${JobName.DispatchMail}:`);
  const streamMs = (id: string): number => Number(id.split('-')[0]);
  events.on('active', ({ jobId }, id) => {
    if (isSweep(jobId) && streamMs(id) > drainedAt) startedAfterDrain.add(jobId);
  });
  events.on('completed', ({ jobId, returnvalue }, id) => {
    if (!startedAfterDrain.has(jobId) || streamMs(id) <= drainedAt) return;
    const queued = (returnvalue as unknown as { queued?: number } | null)?.queued;
    finished.push({ jobId, queued: typeof queued === 'number' ? queued : -1 });
  });
  const drained = async (): Promise<boolean> => {
    const counts = await mail.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused');
    return Object.values(counts).every((n) => n === 0);
  };
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));
  const late = (what: string): Error => new Error(`timed out waiting for the mail to go quiet: ${what}`);
  try {
    await events.waitUntilReady();
    for (;;) {
      while (!(await drained())) {
        if (Date.now() > deadline) throw late(`the mail queue still has jobs: ${JSON.stringify(await mail.getJobCounts())}`);
        await pause();
      }
      startedAfterDrain.clear();
      finished.length = 0;
      drainedAt = Date.now();
      while (finished.length === 0) {
        if (Date.now() > deadline) throw late('no outbox sweep (dispatch-mail) started and finished after the mail queue drained');
        await pause();
      }
      sweeps += 1;
      if (finished[0].queued === 0 && (await drained())) return { sweeps };
      drainedAt = Number.POSITIVE_INFINITY;
    }
  } finally {
    await events.close();
    await mail.close();
  }
}

/**
 * No email left to send for this stack in PostgreSQL or Redis (waitForMailQuiet), and every
 * message the relay got already parsed: the signal to wait for before asserting "sent once".
 */
export async function mailSettled(stack: { config: { redisUrl: string; queuePrefix: string } }, smtp: { idle(): Promise<unknown> }): Promise<void> {
  await waitForMailQuiet({ redisUrl: stack.config.redisUrl, prefix: stack.config.queuePrefix });
  await smtp.idle();
}
