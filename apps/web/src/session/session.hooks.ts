import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '@app/config';
import { readCookie, writeCookie } from './session-cookie';
import type { SessionStore } from './session.store';
import type { Viewer, WebSessionData } from './web-session';

/** `__Host-` outside development: the browser then insists on Secure, Path=/ and no Domain. */
export function sessionCookieName(config: AppConfig): string {
  return config.web.secureCookies ? '__Host-clp_session' : 'clp_session';
}

/** Requests that never need a session (static files): no Redis round trip for them. */
const SESSIONLESS = /^\/assets\//;

/**
 * Loads the session before routing and saves it after the handler: a visitor gets a session
 * (and a cookie) only once something is stored in it, which for an anonymous visitor is the
 * CSRF secret of the first form shown.
 */
export function installSessions(fastify: FastifyInstance, store: SessionStore, config: AppConfig): void {
  const cookieName = sessionCookieName(config);
  fastify.decorateRequest('session', null as unknown as WebSessionData);
  fastify.decorateRequest('sessionState', null as unknown as FastifyRequest['sessionState']);

  fastify.addHook('onRequest', async (request) => {
    const fresh: WebSessionData = { createdAt: Date.now() };
    request.session = fresh;
    request.sessionState = { loaded: JSON.stringify(fresh), rotate: false, destroy: false };
    if (SESSIONLESS.test(request.url)) return;
    const id = readCookie(request, cookieName);
    const data = id ? await store.load(id) : undefined;
    if (id && data) {
      request.session = data;
      request.sessionState.id = id;
      request.sessionState.loaded = JSON.stringify(data);
    }
  });

  fastify.addHook('onSend', async (request, reply) => {
    const state = request.sessionState;
    if (!state || SESSIONLESS.test(request.url)) return;
    if (state.destroy) {
      if (state.id) await store.destroy(state.id);
      writeCookie(reply, cookieName, '', { secure: config.web.secureCookies, maxAge: 0 });
      return;
    }
    const now = JSON.stringify(request.session);
    if (state.rotate && state.id) {
      await store.destroy(state.id);
      state.id = undefined;
    }
    if (!state.id) {
      if (now === state.loaded && !state.rotate) return;
      const id = store.newId();
      await store.save(id, request.session);
      writeCookie(reply, cookieName, id, { secure: config.web.secureCookies });
      return;
    }
    if (now !== state.loaded) await store.save(state.id, request.session);
    else await store.touch(state.id, request.session);
  });
}

/**
 * Signs the viewer in: a new session under a new id (the old id, which may have been planted
 * before sign-in, stops working), with a new CSRF secret.
 */
export function signInAs(request: FastifyRequest, viewer: Viewer): void {
  request.session = { createdAt: Date.now(), viewer };
  request.sessionState.rotate = true;
}

/** Ends the session: deleted from Redis, cookie cleared. */
export function signOut(request: FastifyRequest): void {
  request.sessionState.destroy = true;
}

