import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { safeErrorReason, sqlStateOf, statementName } from '@app/config';

// Transient conditions a caller retries (retryOnDeadlock): worth a warning, not an error.
const TRANSIENT_SQLSTATE_CLASS = '40';

/**
 * TypeORM's own console logger prints a failed query with `PARAMETERS: [...]`: for the batch
 * upsert that is the raw text of up to 1,000 complaints. This one goes through Nest's logger
 * (pino once the app is up) and says which statement failed and its SQLSTATE — never the
 * parameters, never the driver's message (which can quote a value).
 */
export class PinoQueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('TypeORM');

  /** Successful queries are not logged: the worker runs thousands a second. */
  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const sqlState = sqlStateOf(error);
    const fields = { sqlState: sqlState ?? null, query: statementName(query), reason: safeErrorReason(error) };
    if (sqlState?.startsWith(TRANSIENT_SQLSTATE_CLASS)) this.logger.warn(fields, 'query failed (transient)');
    else this.logger.error(fields, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, query: statementName(query) }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ schema: String(message).slice(0, 200) }, 'schema build');
  }

  /** Migration names and counts only: TypeORM writes no data into these messages. */
  logMigration(message: string): void {
    this.logger.log(String(message).slice(0, 300));
  }

  /** TypeORM's own notices (pool errors, driver warnings): kept short, errors reduced to their safe reason. */
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = message instanceof Error ? safeErrorReason(message) : String(message).slice(0, 300);
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}
