import 'reflect-metadata';
import { describeUrl, installProcessGuards, loadConfig } from '@app/config';
import { Logger as NestLogger } from 'nestjs-pino';
import { createWebApp } from './web.app';

// First: a stray error must never be printed by Node in full (it may carry personal data).
installProcessGuards('web');

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWebApp(config);
  // 127.0.0.1 in development unless WEB_HOST says otherwise; every interface when deployed.
  await app.listen(config.web.port, config.web.host);
  app.get(NestLogger).log(`web listening on http://${config.web.host}:${config.web.port} (links to ${config.web.publicUrl}) using ${describeUrl(config.redisUrl)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`web failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
