import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig, requireWebConfig } from '@app/config';
import { installViewLocals, installViews } from './common/web-views';
import { installSecurity, requireCsrfOnUnsafeMethods } from './common/web-security';
import { SessionStore } from './session/session.store';
import { installMultipartForms } from './upload/multipart-forms';
import { installSessions } from './session/session.hooks';
import { webModule, type WebModuleOptions } from './web.module';

/** Builds the web application; `main.ts` listens, tests listen on a port of their own. */
export async function createWebApp(config: AppConfig, options: WebModuleOptions = {}): Promise<NestFastifyApplication> {
  requireWebConfig(config);
  const adapter = new FastifyAdapter({ trustProxy: config.trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(webModule(config, options), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Forms are parsed by @fastify/formbody (installSecurity), with a small limit of its own.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // Order matters: helmet (CSP nonce) and cookies, then the session, then the template
  // variables, then the CSRF check, whose failure page uses both.
  await installSecurity(app, config);
  // The CSV upload's form: multipart, its leading _csrf part read for the CSRF check below.
  await installMultipartForms(app, config.bodyLimitBytes);
  const fastify = app.getHttpAdapter().getInstance();
  installSessions(fastify, app.get(SessionStore), config);
  await installViews(app);
  installViewLocals(fastify);
  requireCsrfOnUnsafeMethods(fastify);
  return app;
}
