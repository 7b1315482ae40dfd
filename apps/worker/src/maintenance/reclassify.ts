import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { processComplaintJobs } from '@app/contracts';
import { queryRows } from '@app/persistence';

/** Complaints re-queued per statement and per `addBulk`. */
const CHUNK = 5_000;

/**
 * Puts every finished complaint classified by another classifier version back to `received`
 * and queues it, walking the table once in primary-key order (a version test cannot use an
 * index, so each chunk continues where the last one stopped instead of scanning from the
 * start). Returns how many were queued. Safe to re-run: a complaint already queued is
 * `received` and skipped, and processing is idempotent.
 */
export async function requeueOutdatedClassifications(
  db: DataSource,
  queue: Queue,
  version: string,
  onProgress: (queued: number) => void = () => undefined,
): Promise<number> {
  let total = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await queryRows<{ id: string }>(db, `SELECT id FROM complaint WHERE id > $1 ORDER BY id LIMIT ${CHUNK}`, [after]);
    if (page.length === 0) return total;
    after = page[page.length - 1].id;
    const stale = await queryRows<{ complaintId: string; version: number }>(
      db,
      `UPDATE complaint SET status = 'received', status_changed_at = now()
       WHERE id = ANY($1::uuid[]) AND status IN ('processed', 'duplicate') AND classifier_version IS DISTINCT FROM $2
       RETURNING id AS "complaintId", version`,
      [page.map((row) => row.id), version],
    );
    if (stale.length === 0) continue;
    await queue.addBulk(processComplaintJobs(stale));
    total += stale.length;
    onProgress(total);
  }
}
