import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  databaseUrl: string;
  migrateOnStart: boolean;
  poolSize?: number;
}

export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: settings.migrateOnStart,
    migrationsTableName: 'schema_migration',
    // Schema changes only ever happen through committed migrations.
    synchronize: false,
    logging: ['error', 'migration'],
    extra: { max: settings.poolSize ?? 20, connectionTimeoutMillis: 10_000 },
  };
}
