import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

/** `npm run migrate`: applies pending migrations and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  await ensureDatabase(config.databaseUrl);
  const dataSource = new DataSource({ ...dataSourceOptions({ ...config, migrateOnStart: false }), logging: ['migration', 'error'] });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  process.stdout.write(`${applied.length} migration(s) applied\n`);
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
