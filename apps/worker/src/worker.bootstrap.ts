import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { describeUrl, type AppConfig } from '@app/config';
import { createWorkerApp } from './worker.app';
import type { WorkerOverrides } from './worker.module';
import { heapCeiling, WORKER_NODE_ARGS } from './worker-heap';

/**
 * Starts a worker process's app and says so. `main.ts` calls it with nothing replaced; the
 * fault suite's poison worker (test/faults/support/poison-worker.js) with its own analyser.
 */
export async function startWorker(config: AppConfig, overrides: WorkerOverrides = {}): Promise<INestApplicationContext> {
  const app = await createWorkerApp(config, overrides);
  const logger = app.get(Logger);
  logger.log(`worker consuming from ${describeUrl(config.redisUrl)} (concurrency ${config.workerConcurrency})`);
  const heap = heapCeiling();
  if (!heap.capped) logger.warn(`worker heap ceiling is ${heap.limitMb} MB: start it with ${WORKER_NODE_ARGS.join(' ')} (npm run start:worker does) to keep its memory near its live set`);
  return app;
}
