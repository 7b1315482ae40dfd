import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import nunjucks from 'nunjucks';
import fastifyStatic from '@fastify/static';
import { navigationFor } from './navigation';

/** apps/web/src/views, beside this folder both in the sources and in dist (build-data copies it). */
export const VIEWS_DIR = join(__dirname, '..', 'views');
/** apps/web/src/public: the app's own browser files, served under /assets/web/. */
export const PUBLIC_DIR = join(__dirname, '..', 'public');
/** node_modules/govuk-frontend/dist: templates are `govuk/…`, compiled assets under govuk/. */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend')), '..');

/** Only the compiled CSS/JS and the fonts/images are served from govuk-frontend, never its sources. */
const SERVED_ASSET = /^\/(?:govuk-frontend\.min\.(?:css|js)(?:\.map)?|fonts\/[\w.-]+|images\/[\w.-]+|manifest\.json|web\/[\w.-]+)$/;

/**
 * Nunjucks through @fastify/view on the app's views and govuk-frontend's templates, and the
 * assets under /assets. Every template gets, from reply.locals (set per request in
 * installViewLocals): `viewer`, `navigation`, `cspNonce`, `currentPath` and the global
 * `csrfField()` that prints the hidden CSRF input of a form.
 */
export async function installViews(app: NestFastifyApplication): Promise<void> {
  app.setViewEngine({
    engine: { nunjucks },
    templates: [VIEWS_DIR, GOVUK_DIST],
    options: {
      autoescape: true,
      throwOnUndefined: false,
      onConfigure: (env: nunjucks.Environment) => {
        env.addGlobal('serviceName', 'Complaint learning');
        // Called as `{{ csrfField() }}` inside a <form>; `this.ctx` is the page's context.
        env.addGlobal('csrfField', function (this: { ctx: { csrfToken?: () => string } }) {
          const token = this.ctx.csrfToken?.() ?? '';
          return new nunjucks.runtime.SafeString(`<input type="hidden" name="_csrf" value="${escapeAttribute(token)}">`);
        });
      },
    },
  } as never);
  await app.register(fastifyStatic as never, {
    root: [join(GOVUK_DIST, 'govuk', 'assets'), join(GOVUK_DIST, 'govuk'), PUBLIC_DIR],
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    list: false,
    allowedPath: (pathName: string) => SERVED_ASSET.test(pathName),
    maxAge: '1h',
  });
}

/** Per-request template variables, before any handler (and before the CSRF check, whose failure page needs them). */
export function installViewLocals(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', async (request, reply) => {
    const viewer = request.session?.viewer;
    const path = request.url.split('?')[0];
    reply.locals = {
      ...(reply.locals ?? {}),
      viewer,
      currentPath: path,
      navigation: navigationFor(viewer?.role, path),
      cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      csrfToken: () => reply.generateCsrf(),
    };
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
