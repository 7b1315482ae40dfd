import type { Queue } from 'bullmq';
import { processComplaintJobId, processComplaintJobs } from '@app/contracts';
import type { ComplaintRepository } from '@app/persistence';
import { freeOrphanedJobs } from '../jobs/lost-job';

/** Records re-queued per statement and per `addBulk`. */
const REDRIVE_BATCH = 5_000;
/** Re-driven records per round whose queued job is checked for being orphaned. */
const ORPHAN_CHECKS = 100;

export interface RedriveReport {
  requeued: number;
  /** Job ids found orphaned in Redis and freed, so their work is queued afresh. */
  freed: string[];
}

/**
 * Queues again the records left `received` or `processing` for `afterSeconds`.
 *
 * The age is counted in queue time, not wall time: a record is stale only when it has been
 * unfinished for `afterSeconds` longer than the oldest job still waiting. Under a backlog
 * every record is old by the clock while its job simply waits its turn; re-driving those
 * would rewrite thousands of rows and re-add thousands of jobs (no-ops, but each one a Redis
 * script and an index entry) exactly when the system is behind. A record older than the
 * oldest waiting job has had its job taken (it is running, retrying or lost), so it is still
 * found. With an empty queue (Redis lost its data, or no backlog) the horizon is now.
 */
export async function redriveStaleComplaints(complaints: ComplaintRepository, queue: Queue, afterSeconds: number): Promise<RedriveReport> {
  const report: RedriveReport = { requeued: 0, freed: [] };
  const queuedSince = await oldestWaitingJobTime(queue);
  for (;;) {
    const stale = await complaints.takeStale(afterSeconds, REDRIVE_BATCH, queuedSince);
    if (stale.length === 0) break;
    // The oldest few are checked for jobs orphaned by a Redis data loss (each costs two round
    // trips); the rest are re-added under their deterministic ids, a no-op for a live job.
    report.freed.push(...(await freeOrphanedJobs(queue, stale.slice(0, ORPHAN_CHECKS).map(processComplaintJobId))));
    await queue.addBulk(processComplaintJobs(stale));
    report.requeued += stale.length;
    if (stale.length < REDRIVE_BATCH) break;
  }
  return report;
}

/** When the oldest job still waiting was created, or undefined when none waits. */
export async function oldestWaitingJobTime(queue: Queue): Promise<Date | undefined> {
  // Jobs are pushed at the head of the wait list: ascending order from 0 reads its tail.
  const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
  const created = oldest?.timestamp;
  return typeof created === 'number' && Number.isFinite(created) && created > 0 ? new Date(created) : undefined;
}
