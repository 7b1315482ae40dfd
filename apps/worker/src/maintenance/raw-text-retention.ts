import type { RetentionRepository } from '@app/persistence';

/** Complaints whose raw text is dropped per statement: short row locks, bounded WAL per step. */
const RETENTION_BATCH = 1_000;

/** Drops raw text past its retention in batches until none is left; returns how many. */
export async function dropExpiredRawText(retention: RetentionRepository, afterDays: number): Promise<number> {
  let dropped = 0;
  for (;;) {
    const count = await retention.dropRawText(afterDays, RETENTION_BATCH);
    dropped += count;
    if (count < RETENTION_BATCH) return dropped;
  }
}
