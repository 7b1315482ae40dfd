import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import type { AppConfig } from '@app/config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Forms here are a few fields; a bigger body is not a form of ours. */
const FORM_BODY_LIMIT = 64 * 1024;

/** The CSP of every page (see installSecurity); the one exception below builds on it. */
function strictCspDirectives(config: AppConfig) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    // Over plain http in development, upgrading would break every asset.
    upgradeInsecureRequests: config.web.secureCookies ? [] : null,
  };
}

/**
 * The ONE exception to the strict CSP: bull-board's queue dashboard (/admin/queues*, operator
 * only; apps/web/src/admin/queue-dashboard.ts puts this on its routes). Its page has `style=""`
 * attributes and a <style> element, and its React UI sets more inline styles, so inline styles
 * are allowed there (style-src-elem/style-src-attr, which win over style-src and carry no nonce,
 * so 'unsafe-inline' is honoured). Nothing else is relaxed: scripts stay 'self' plus the nonce
 * (no inline script, no eval), and its Google Fonts stylesheet stays blocked (no third party
 * learns who the operators are; the dashboard falls back to local fonts).
 */
export function queueDashboardHelmet(config: AppConfig) {
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { ...strictCspDirectives(config), styleSrcElem: ["'self'", "'unsafe-inline'"], styleSrcAttr: ["'unsafe-inline'"] },
    },
  };
}

/**
 * Helmet with a strict CSP (scripts from 'self' plus the per-request nonce that govuk-frontend's
 * `js-enabled` snippet carries; no 'unsafe-inline'), urlencoded forms, and CSRF
 * protection bound to the server-side session.
 */
export async function installSecurity(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(fastifyHelmet as never, {
    enableCSPNonces: true,
    contentSecurityPolicy: { useDefaults: true, directives: strictCspDirectives(config) },
    hsts: config.web.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyFormbody as never, { bodyLimit: FORM_BODY_LIMIT });
  // '@fastify/session' mode: the secret lives in request.session._csrf, i.e. in our Redis
  // session, so a token is good only with the session it was issued to.
  await app.register(fastifyCsrf as never, { sessionPlugin: '@fastify/session', logLevel: 'info' });
}

/**
 * Every request that can change something carries a valid `_csrf` token (form field or
 * `x-csrf-token` header), or gets the GOV.UK "page has expired" page with 403. Runs after the
 * body is parsed and after installViewLocals, so the failure page has its layout variables.
 */
export function requireCsrfOnUnsafeMethods(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const valid = await new Promise<boolean>((resolve) => {
      const refuse = { send: () => resolve(false) } as unknown as FastifyReply;
      fastify.csrfProtection(request, refuse, () => resolve(true));
    });
    if (valid) return;
    await reply.code(403).header('cache-control', 'no-store').view('errors/csrf.njk', {});
    return reply;
  });
}
