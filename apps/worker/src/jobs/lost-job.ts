import { UnrecoverableError, type Job } from 'bullmq';

/**
 * After Redis loses its data mid-run, BullMQ's own writes for jobs that were active (lock
 * renewal, stalled-job bookkeeping) can leave a job hash without its name, data or options.
 * Such a job must not be retried, and must not stay in Redis: its id is the deterministic id
 * the re-drive or the outbox sweep needs to queue the real work again from PostgreSQL.
 */
export function isLostJob(job: Job): boolean {
  return !job.name || job.data === undefined || job.data === null;
}

/** Thrown from `process` for a lost job: failed at once, never retried. */
export function lostJobError(job: Job): UnrecoverableError {
  return new UnrecoverableError(`job ${job.id} lost its data in Redis; its work is queued again from PostgreSQL`);
}

/** Called from a `failed` handler: frees the id. Never throws (event handlers must not). */
export async function discardLostJob(job: Job): Promise<void> {
  if (!isLostJob(job)) return;
  await job.remove().catch(() => undefined);
}
