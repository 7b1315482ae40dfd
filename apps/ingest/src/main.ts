import 'reflect-metadata';
import { describeUrl, installProcessGuards, loadConfig } from '@app/config';
import { Logger as NestLogger } from 'nestjs-pino';
import { createIngestApp } from './ingest.app';

// First: a stray error must never be printed by Node in full (it may carry complaint text).
installProcessGuards('ingest');

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createIngestApp(config);
  // 127.0.0.1 in development unless HOST says otherwise; every interface when deployed.
  await app.listen(config.port, config.host);
  const base = `http://${config.host}:${config.port}`;
  app.get(NestLogger).log(`ingest listening on ${base} (docs ${base}/docs) using ${describeUrl(config.databaseUrl)} and ${describeUrl(config.redisUrl)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ingest failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
