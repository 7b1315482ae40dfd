import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LearningTransaction } from './learning.transaction';

/**
 * Opens the worker's dedup-and-routing transactions. Each holds a transaction-level
 * advisory lock per organisation of the batch (taken in sorted order, so two workers never
 * deadlock), so candidates and writes for one organisation never interleave.
 */
@Injectable()
export class LearningRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async inTransaction<T>(organisationIds: string[], work: (tx: LearningTransaction) => Promise<T>): Promise<T> {
    const keys = [...new Set(organisationIds)].sort();
    return this.db.transaction(async (em) => {
      for (const id of keys) await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [id]);
      return work(new LearningTransaction(em));
    });
  }
}
