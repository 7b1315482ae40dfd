import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditRepository, type AuditActor } from './audit.repository';
import { execute, queryRows } from './query-rows';

export interface DecisionTarget {
  id: string;
  organisationId: string;
  version: number;
  status: string;
  duplicateOf: string | null;
  /** The text dedup compares: the redacted summary once processed, else the submitted one (null once erased). */
  dedupText: string | null;
}

/** Why a person merged: the measured similarity of the two texts, and their reason when it is low. */
export interface MergeJustification {
  similarity: number | null;
  reason?: string;
}

/**
 * People's dedup decisions. Each is recorded in `dedup_override` so reprocessing keeps it,
 * numbered like the worker's, so batches whose candidates were read before see it, and
 * audited in the same transaction (who, which key, the similarity, the reason).
 */
@Injectable()
export class DedupDecisionRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async find(id: string): Promise<DecisionTarget | null> {
    const rows = await queryRows<DecisionTarget>(
      this.db,
      `SELECT id, organisation_id AS "organisationId", version, status, duplicate_of AS "duplicateOf",
              coalesce(redacted_summary, summary) AS "dedupText"
       FROM complaint WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Marks a wrong duplicate as original and queues it again; the pair is never merged again. */
  async unmerge(target: DecisionTarget, actor: AuditActor): Promise<void> {
    await this.db.transaction(async (em) => {
      const [low, high] = [target.id, target.duplicateOf as string].sort();
      await execute(
        em,
        `INSERT INTO dedup_override (complaint_id, other_id, kind, decided_by) VALUES ($1, $2, 'never-merge', $3) ON CONFLICT DO NOTHING`,
        [low, high, decidedBy(actor)],
      );
      await execute(em, `DELETE FROM dedup_override WHERE complaint_id = $1 AND kind = 'merge-into'`, [target.id]);
      await execute(
        em,
        `UPDATE complaint SET status = 'received', duplicate_of = NULL, dedup_reason = NULL, status_changed_at = now(),
                decided_seq = nextval('complaint_decision_seq') WHERE id = $1`,
        [target.id],
      );
      await this.audit.record(
        { actor, action: 'dedup.unmerge', subjectType: 'complaint', subjectId: target.id, organisationId: target.organisationId, detail: { from: target.duplicateOf } },
        em,
      );
    });
  }

  /**
   * Marks a complaint by hand as a duplicate of `into`; unsent learning from it is withdrawn.
   * The reason it shows (to its body and the Ombudsman) says it was a person, and how similar.
   */
  async merge(target: DecisionTarget, into: string, justification: MergeJustification, actor: AuditActor): Promise<void> {
    const reason = { rule: 'manual', similarity: justification.similarity, matched: into, by: actor.kind, justified: justification.reason ? 'reason' : 'similarity' };
    await this.db.transaction(async (em) => {
      const [low, high] = [target.id, into].sort();
      await execute(em, `DELETE FROM dedup_override WHERE complaint_id = $1 AND other_id = $2 AND kind = 'never-merge'`, [low, high]);
      await execute(em, `DELETE FROM dedup_override WHERE complaint_id = $1 AND kind = 'merge-into'`, [target.id]);
      await execute(em, `INSERT INTO dedup_override (complaint_id, other_id, kind, decided_by) VALUES ($1, $2, 'merge-into', $3)`, [
        target.id,
        into,
        decidedBy(actor),
      ]);
      await execute(
        em,
        `UPDATE complaint SET status = 'duplicate', duplicate_of = $2, dedup_reason = $3::jsonb,
                status_changed_at = now(), decided_seq = nextval('complaint_decision_seq') WHERE id = $1`,
        [target.id, into, JSON.stringify(reason)],
      );
      await execute(em, `DELETE FROM delivery WHERE complaint_id = $1 AND sent_at IS NULL`, [target.id]);
      await this.audit.record(
        {
          actor,
          action: 'dedup.merge',
          subjectType: 'complaint',
          subjectId: target.id,
          organisationId: target.organisationId,
          detail: { into, similarity: justification.similarity, ...(justification.reason ? { reason: justification.reason } : {}) },
        },
        em,
      );
    });
  }
}

function decidedBy(actor: AuditActor): string {
  return actor.id ?? actor.kind;
}
