import type { Queue } from 'bullmq';
import { processComplaintJobs } from '@app/contracts';
import type { ClassifierTrainingRepository } from '@app/persistence';

/**
 * BullMQ serves jobs without a priority before any prioritised job, so every new complaint
 * goes ahead of the whole reclassification backlog: re-running old complaints uses only the
 * capacity new ones leave.
 */
export const RECLASSIFY_PRIORITY = 100;
const PAGE = 1_000;
/** Prioritised jobs allowed to wait at once: Redis holds a bounded backlog, not the whole table. */
const MAX_BACKLOG = 5_000;

export interface ReclassifyOptions {
  readonly onProgress?: (queued: number) => void;
  readonly pauseMs?: number;
}

/**
 * Re-queues every finished complaint that no person reviewed and that another model
 * classified, at low priority, a page at a time, waiting while the backlog is full. Walks
 * the table once in primary-key order. Safe to re-run: a queued complaint is `received` and
 * not claimed again, and processing is idempotent. Reviewed complaints are never queued (and
 * the review write path keeps a person's labels whatever the model says).
 */
export async function reclassifyUnreviewed(training: ClassifierTrainingRepository, queue: Queue, activeVersion: string, options: ReclassifyOptions = {}): Promise<number> {
  let total = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    while ((await queue.getPrioritizedCount()) >= MAX_BACKLOG) await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 1_000));
    const page = await training.claimOutdatedPage(after, PAGE, activeVersion);
    if (page.lastId === undefined) return total;
    after = page.lastId;
    if (page.claimed.length === 0) continue;
    await queue.addBulk(processComplaintJobs(page.claimed).map((job) => ({ ...job, opts: { ...job.opts, priority: RECLASSIFY_PRIORITY } })));
    total += page.claimed.length;
    options.onProgress?.(total);
  }
}
