import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ThemeId } from '@app/domain';
import { loadCandidateSnapshot, type CandidateKeys, type CandidateSnapshot } from './dedup-candidates';
import { PipelineResultsTransaction, type RoutingInputs, type UnderstandingRow } from './pipeline-results.transaction';
import { execute } from './query-rows';

/** An arbitrary, fixed advisory lock key owned by the dedup step. */
export const DEDUP_LOCK_KEY = 0x636c7064;

@Injectable()
export class PipelineResultsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rules, the submitting organisations and the contacts that may receive their learning. */
  loadRoutingInputs(submitters: string[], themes: ThemeId[]): Promise<RoutingInputs> {
    return new PipelineResultsTransaction(this.db.manager).loadRoutingInputs(submitters, themes);
  }

  /** Dedup candidates read without the lock; `PipelineResultsTransaction.loadDecidedSince` completes them. */
  loadCandidateSnapshot(keys: CandidateKeys): Promise<CandidateSnapshot> {
    return loadCandidateSnapshot(this.db.manager, keys);
  }

  saveUnderstanding(rows: UnderstandingRow[]): Promise<void> {
    return new PipelineResultsTransaction(this.db.manager).saveUnderstanding(rows);
  }

  /**
   * Runs `work` in one transaction holding the dedup advisory lock. Decisions compare a
   * record with everything stored before it, across organisations (same case at several
   * bodies, same complainant), so two workers must never decide concurrently: with the
   * lock, of two near-identical records one is always original and one duplicate. The
   * analysis and the candidate snapshot happen before, outside the lock; what runs under it
   * is the look-up of decisions made since the snapshot and a few set-based writes.
   */
  async inTransaction<T>(work: (tx: PipelineResultsTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (em) => {
      // Asynchronous commit releases the lock without waiting for the WAL flush. Safe here:
      // a decision lost in a PostgreSQL crash leaves its record `processing`, and the re-drive
      // processes it again. Whatever acts on a decision (claiming a mail before sending it)
      // commits synchronously, and that flush carries this earlier commit's WAL with it.
      await execute(em, `SELECT pg_advisory_xact_lock($1), set_config('synchronous_commit', 'off', true)`, [DEDUP_LOCK_KEY]);
      return work(new PipelineResultsTransaction(em));
    });
  }
}
