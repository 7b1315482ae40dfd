import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

interface ClientPool {
  on(event: 'connect', listener: (client: { on(event: 'error', listener: (error: Error) => void): unknown }) => void): unknown;
}

const logger = new Logger('PostgresPool');

/**
 * node-postgres emits `error` on a pooled client that loses its connection while no query is
 * running on it; pg-pool listens only while the client is idle, TypeORM only while a query
 * runner holds it. In the gap between the two (seen when `pg_terminate_backend` cut a worker's
 * connections) nobody listened, and the unhandled event killed the process. Every client gets
 * a listener of its own: the broken client is discarded by the pool as usual, and the query
 * that needed it fails and is retried like any other.
 */
export function guardPoolClients(dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { master?: ClientPool }).master;
  pool?.on('connect', (client) =>
    client.on('error', (error: Error) => logger.warn({ reason: error.message }, 'a PostgreSQL connection was lost outside a query; the pool replaces it')),
  );
}
