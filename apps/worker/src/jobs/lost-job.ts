import { UnrecoverableError, type Job, type Queue } from 'bullmq';

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

/** Job states from which a job never runs again by itself. */
const ORPHANED = ['failed', 'unknown'];

/**
 * Re-adding work under a deterministic id is a no-op while a job with that id exists. When
 * Redis loses data mid-run (all of it, or part), a job hash can survive in no list at all, or
 * lost as above, and its work would never be queued again. Removes such jobs among `jobIds`
 * (waiting, delayed and active ones are left alone), so the caller's next add queues them
 * afresh. Returns the ids removed.
 */
export async function freeOrphanedJobs(queue: Queue, jobIds: string[]): Promise<string[]> {
  // All at once: the look-ups share round trips on the connection instead of one each.
  const freed = await Promise.all(jobIds.map(async (jobId) => ((await freeIfOrphaned(queue, jobId)) ? jobId : undefined)));
  return freed.filter((jobId): jobId is string => jobId !== undefined);
}

async function freeIfOrphaned(queue: Queue, jobId: string): Promise<boolean> {
  const job = await queue.getJob(jobId);
  if (!job || !(isLostJob(job) || ORPHANED.includes(await job.getState()))) return false;
  await job.remove().catch(() => undefined);
  return true;
}
