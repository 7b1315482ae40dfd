import { Logger } from '@nestjs/common';
import { safeErrorLog } from './safe-error';

/** The parts of `process` the guards use; a test hands in its own. */
export interface GuardedProcess {
  on(event: 'unhandledRejection' | 'uncaughtException', listener: (error: unknown) => void): unknown;
  exit(code: number): never | void;
}

/**
 * Replaces Node's default handling of a stray rejection or exception, which prints the whole
 * error to stderr: for a database error that includes the statement's parameters (complaint
 * text). The error is logged through pino without its message, then the process stops as Node
 * would have stopped it (state after an unexpected throw is not to be trusted).
 */
export function installProcessGuards(name: string, target: GuardedProcess = process, logger: Pick<Logger, 'fatal'> = new Logger(name)): void {
  const stop = (what: string) => (error: unknown) => {
    try {
      logger.fatal({ error: safeErrorLog(error) }, `${name}: ${what}; stopping`);
    } finally {
      target.exit(1);
    }
  };
  target.on('unhandledRejection', stop('unhandled promise rejection'));
  target.on('uncaughtException', stop('uncaught exception'));
}
