import 'reflect-metadata';
import { describeUrl, loadConfig } from '@app/config';
import { Logger as NestLogger } from 'nestjs-pino';
import { createIngestApp } from './ingest.app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createIngestApp(config);
  await app.listen(config.port, '0.0.0.0');
  const base = `http://localhost:${config.port}`;
  app.get(NestLogger).log(`ingest listening on ${base} (docs ${base}/docs) using ${describeUrl(config.databaseUrl)} and ${describeUrl(config.redisUrl)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ingest failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
