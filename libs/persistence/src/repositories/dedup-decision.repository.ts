import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from './query-rows';

export interface DecisionTarget {
  id: string;
  organisationId: string;
  version: number;
  status: string;
  duplicateOf: string | null;
}

/**
 * People's dedup decisions. Each is recorded in `dedup_override` so reprocessing keeps it,
 * and numbered like the worker's, so batches whose candidates were read before see it.
 */
@Injectable()
export class DedupDecisionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(id: string): Promise<DecisionTarget | null> {
    const rows = await queryRows<DecisionTarget>(
      this.db,
      `SELECT id, organisation_id AS "organisationId", version, status, duplicate_of AS "duplicateOf" FROM complaint WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Marks a wrong duplicate as original and queues it again; the pair is never merged again. */
  async unmerge(target: DecisionTarget, decidedBy: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [low, high] = [target.id, target.duplicateOf as string].sort();
      await em.query(
        `INSERT INTO dedup_override (complaint_id, other_id, kind, decided_by) VALUES ($1, $2, 'never-merge', $3) ON CONFLICT DO NOTHING`,
        [low, high, decidedBy],
      );
      await em.query(`DELETE FROM dedup_override WHERE complaint_id = $1 AND kind = 'merge-into'`, [target.id]);
      await em.query(
        `UPDATE complaint SET status = 'received', duplicate_of = NULL, dedup_reason = NULL, status_changed_at = now(),
                decided_seq = nextval('complaint_decision_seq') WHERE id = $1`,
        [target.id],
      );
    });
  }

  /** Marks a complaint by hand as a duplicate of `into`; unsent learning from it is withdrawn. */
  async merge(target: DecisionTarget, into: string, decidedBy: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [low, high] = [target.id, into].sort();
      await em.query(`DELETE FROM dedup_override WHERE complaint_id = $1 AND other_id = $2 AND kind = 'never-merge'`, [low, high]);
      await em.query(`DELETE FROM dedup_override WHERE complaint_id = $1 AND kind = 'merge-into'`, [target.id]);
      await em.query(`INSERT INTO dedup_override (complaint_id, other_id, kind, decided_by) VALUES ($1, $2, 'merge-into', $3)`, [
        target.id,
        into,
        decidedBy,
      ]);
      await em.query(
        `UPDATE complaint SET status = 'duplicate', duplicate_of = $2, dedup_reason = '{"rule":"manual","similarity":1}',
                status_changed_at = now(), decided_seq = nextval('complaint_decision_seq') WHERE id = $1`,
        [target.id, into],
      );
      await em.query(`DELETE FROM delivery WHERE complaint_id = $1 AND sent_at IS NULL`, [target.id]);
    });
  }
}
