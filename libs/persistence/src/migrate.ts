import { DataSource } from 'typeorm';
import { dataSourceOptions, type DataSourceSettings } from './data-source-options';

/** An arbitrary, fixed advisory lock key owned by schema migrations. */
const MIGRATION_LOCK_KEY = 0x636c706d;

/**
 * Applies pending migrations under a session advisory lock, so replicas starting together
 * (ingest and worker, or N workers) never race to create the same tables.
 */
export async function migrateWithLock(settings: DataSourceSettings): Promise<string[]> {
  const dataSource = await new DataSource({ ...dataSourceOptions({ ...settings, migrateOnStart: false, poolSize: 1 }) }).initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}
