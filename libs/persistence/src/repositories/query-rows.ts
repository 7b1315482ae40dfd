import type { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM's postgres driver answers UPDATE/DELETE with `[rows, rowCount]` but SELECT and
 * INSERT with `rows` only; callers always want the rows.
 */
export async function queryRows<T>(db: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * For statements whose result is not used (locks, writes without RETURNING). No caller needs
 * an affected-row count; INSERT would not give one anyway (the driver answers it with rows only).
 */
export async function execute(db: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<void> {
  await db.query(sql, params);
}

/** A row of `… RETURNING id` or `SELECT id …`. */
export interface IdRow {
  id: string;
}
