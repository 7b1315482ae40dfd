import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ThemeId } from '@app/domain';
import { LearningTransaction, type RoutingInputs, type UnderstandingRow } from './learning.transaction';

/** An arbitrary, fixed advisory lock key owned by the dedup step. */
const DEDUP_LOCK_KEY = 0x636c7064;

@Injectable()
export class LearningRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Runs `work` in one transaction holding the dedup advisory lock. Decisions compare a
   * record with everything stored before it, across organisations (same case at several
   * bodies, same complainant), so two workers must never decide concurrently: with the
   * lock, of two near-identical records one is always original and one duplicate. The
   * CPU-heavy analysis happens before, outside the lock; what runs under it is a few
   * set-based statements per batch.
   */
  /** Rules, the submitting organisations and the contacts that may receive their learning. */
  loadRoutingInputs(submitters: string[], themes: ThemeId[]): Promise<RoutingInputs> {
    return new LearningTransaction(this.db.manager).loadRoutingInputs(submitters, themes);
  }

  saveUnderstanding(rows: UnderstandingRow[]): Promise<void> {
    return new LearningTransaction(this.db.manager).saveUnderstanding(rows);
  }

  async inTransaction<T>(work: (tx: LearningTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock($1)`, [DEDUP_LOCK_KEY]);
      return work(new LearningTransaction(em));
    });
  }
}
