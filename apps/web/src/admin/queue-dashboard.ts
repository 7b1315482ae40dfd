import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JobQueues, QueueName } from '@app/contracts';
import { safeNext } from '../auth/safe-next';
import { navigationFor } from '../common/navigation';
import { queueDashboardHelmet } from '../common/web-security';

/** Where bull-board lives: its pages, its JSON API under /api and its files under /static. */
export const QUEUES_PATH = '/admin/queues';
/** axios (inside bull-board's UI) copies this cookie into an X-XSRF-TOKEN header on every request to its own origin. */
export const XSRF_COOKIE = 'XSRF-TOKEN';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * bull-board for every queue of the one queue contract, on the app's Redis and queue prefix,
 * for the operator only. bull-board registers raw Fastify routes, which Nest's global guard
 * never sees, so this plugin's own onRequest hook (run for every route under QUEUES_PATH: the
 * pages, the API and the static files) reads the web session and refuses everyone else before
 * anything is read from Redis. Its changing requests (retry, clean, pause…) are PUT/POST/PATCH
 * with JSON from bull-board's own UI: they must come from this origin (Sec-Fetch-Site/Origin)
 * and carry the session's CSRF token, which the UI's axios sends from the XSRF-TOKEN cookie set
 * on its page (the app's global CSRF check accepts the same header).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  private readonly ownOrigin: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ownOrigin = new URL(config.web.publicUrl).origin;
  }

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUES_PATH);
    createBullBoard({
      queues: Object.values(QueueName).map((name) => new BullMQAdapter(this.queues.queue(name))),
      // @bull-board/fastify pins its own copy of @bull-board/api's types (9.10.1 beside 9.10.2): the same shape.
      serverAdapter: serverAdapter as never,
      options: { uiConfig: { boardTitle: 'Complaint learning queues' } },
    });
    const helmet = queueDashboardHelmet(this.config);
    await fastify.register(
      async (scope) => {
        // Helmet reads a route's own settings from its config at request time: the relaxed CSP is for these routes only.
        scope.addHook('onRoute', (route) => {
          route.config = { ...(route.config as object), helmet } as typeof route.config;
        });
        scope.addHook('onRequest', (request, reply) => this.admit(fastify, request, reply));
        await scope.register(serverAdapter.registerPlugin() as never);
      },
      { prefix: QUEUES_PATH },
    );
  }

  /** Lets the operator through; everyone else is answered here. */
  private async admit(root: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const path = request.url.split('?')[0];
    // Classified by the matched route, not the raw URL: the hook runs for every route of this plugin whatever the URL's spelling.
    const route = request.routeOptions.url ?? '';
    const isPage = request.method === 'GET' && !route.startsWith(`${QUEUES_PATH}/api/`) && !route.startsWith(`${QUEUES_PATH}/static/`);
    const viewer = request.session?.viewer;
    if (!viewer) {
      if (isPage) return reply.code(303).header('location', `/sign-in?next=${encodeURIComponent(safeNext(request.url) ?? QUEUES_PATH)}`).send();
      return refuse(reply, 401, 'Sign in as the operator to use the queue dashboard');
    }
    if (viewer.role !== 'operator') {
      if (!isPage) return refuse(reply, 403, 'Only the operator may use the queue dashboard');
      const html = await (root as unknown as { view(page: string, data: object): Promise<string> }).view('errors/403.njk', {
        viewer,
        currentPath: path,
        navigation: navigationFor(viewer.role, path),
        cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
        csrfToken: () => reply.generateCsrf(),
      });
      return reply.code(403).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    }
    if (!SAFE_METHODS.has(request.method)) {
      if (!this.sameOrigin(request)) return refuse(reply, 403, 'Changes to the queues are accepted only from the queue dashboard itself');
      if (!(await csrfTokenValid(root, request))) return refuse(reply, 403, 'This page has expired: reload the queue dashboard and try again');
    }
    if (isPage) {
      // Readable by the page's script (not HttpOnly), sent back only to this path, never cross-site.
      const parts = [`${XSRF_COOKIE}=${reply.generateCsrf()}`, `Path=${QUEUES_PATH}`, 'SameSite=Strict'];
      if (this.config.web.secureCookies) parts.push('Secure');
      reply.header('set-cookie', parts.join('; '));
    }
    return undefined;
  }

  /** A browser names the site a request comes from; a request naming neither is not from our page. */
  private sameOrigin(request: FastifyRequest): boolean {
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin';
    const origin = request.headers.origin;
    return origin !== undefined && (origin === this.ownOrigin || origin === `${request.protocol}://${request.headers.host ?? ''}`);
  }
}

function refuse(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  const error = statusCode === 401 ? 'Unauthorized' : 'Forbidden';
  return reply.code(statusCode).header('cache-control', 'no-store').send({ statusCode, error, message, details: [] });
}

/** The session's CSRF token, from the X-XSRF-TOKEN header (bodies are not read yet at onRequest). */
function csrfTokenValid(root: FastifyInstance, request: FastifyRequest): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const refused = { send: () => resolve(false) } as unknown as FastifyReply;
    root.csrfProtection(request, refused, () => resolve(true));
  });
}
