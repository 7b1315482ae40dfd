import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { refuseOversizedBodies } from './common/body-limit.hook';
import { installEarlyAuthentication } from './auth/early-authentication.hook';
import { ingestModule } from './ingest.module';
import { acceptMultipartForms } from './unsubscribe/one-click-body';

/** Builds the ingest HTTP application; `main.ts` listens, tests listen on a port of their own. */
export async function createIngestApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: config.trustProxy });
  // abortOnError off: a start-up failure rejects (main.ts reports it and exits) instead of
  // calling process.exit itself, which would also end a test run that starts apps in-process.
  const app = await NestFactory.create<NestFastifyApplication>(ingestModule(config), adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  refuseOversizedBodies(fastify, config.bodyLimitBytes);
  // Before any body parser runs: an unauthenticated upload is refused unread.
  installEarlyAuthentication(app);
  fastify.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
  acceptMultipartForms(fastify);
  setUpDocs(app);
  return app;
}

function setUpDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Complaint learning pipeline — ingest API')
      .setDescription('Public bodies submit complaint records; the pipeline turns them into shared learning.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
