import 'reflect-metadata';
import { installProcessGuards, loadConfig } from '@app/config';
import { startWorker } from './worker.bootstrap';

// First: a stray error must never be printed by Node in full (it may carry complaint text).
installProcessGuards('worker');

startWorker(loadConfig()).catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
