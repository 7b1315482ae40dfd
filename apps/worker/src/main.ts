import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { describeUrl, installProcessGuards, loadConfig } from '@app/config';
import { createWorkerApp } from './worker.app';

// First: a stray error must never be printed by Node in full (it may carry complaint text).
installProcessGuards('worker');

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp(config);
  app.get(Logger).log(`worker consuming from ${describeUrl(config.redisUrl)} (concurrency ${config.workerConcurrency})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
