import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from './query-rows';

/**
 * Storage limitation: a complaint's raw text is needed only until it has been redacted and
 * understood. Afterwards the raw columns are overwritten with the redacted copy, so every
 * reader (re-drive, reclassify, a re-decision after an erasure) works from the redacted text
 * without knowing retention exists; `raw_text_dropped_at` says the text is no longer raw.
 */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Drops the raw text of up to `limit` finished complaints processed at least `afterDays`
   * ago; returns how many. Failed records keep theirs: they have no redacted copy to keep.
   * SKIP LOCKED: a row being re-processed or erased is taken on the next sweep.
   */
  async dropRawText(afterDays: number, limit: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      `UPDATE complaint SET summary = redacted_summary, learning = redacted_learning, raw_text_dropped_at = now()
       WHERE id IN (
         SELECT id FROM complaint
         WHERE raw_text_dropped_at IS NULL AND status IN ('processed', 'duplicate') AND redacted_summary IS NOT NULL
           AND processed_at <= now() - make_interval(days => $1)
         ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [afterDays, limit],
    );
    return rows.length;
  }
}
