import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { workerModule, type WorkerOverrides } from './worker.module';

/** Builds the worker (no HTTP): queue consumers, the re-drive and the schedulers. */
export async function createWorkerApp(config: AppConfig, overrides: WorkerOverrides = {}): Promise<INestApplicationContext> {
  // abortOnError off: see ingest.app.ts.
  const app = await NestFactory.createApplicationContext(workerModule(config, overrides), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
