import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PinoQueryLogger } from './pino-query.logger';

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
    // Never TypeORM's console logger: it prints failed queries' parameters (complaint text).
    logger: new PinoQueryLogger(),
    logging: ['error', 'warn', 'migration'],
    extra: { max: settings.poolSize ?? 20, connectionTimeoutMillis: 10_000, options: sessionOptions(settings.databaseUrl) },
  };
}

/**
 * JIT off for every session: the worker's queries are short, and on a freshly loaded table
 * (no statistics yet) the planner's inflated estimates made PostgreSQL spend most of a second
 * compiling each one. Any `options` already in the URL are kept.
 */
function sessionOptions(databaseUrl: string): string {
  let fromUrl: string | null = null;
  try {
    fromUrl = new URL(databaseUrl).searchParams.get('options');
  } catch {
    // A malformed URL is reported by the driver when it connects.
  }
  return [fromUrl, '-c jit=off'].filter(Boolean).join(' ');
}
