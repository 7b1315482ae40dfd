import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import { envelope } from '../common/http-error.filter';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import type { AuthenticatedRequest } from './principal';
import { isSmallUnsubscribePost } from '../unsubscribe/one-click-body';

/**
 * Refuses an unauthenticated request before its body is read: a Fastify `onRequest` hook runs
 * before any JSON or CSV parsing, so a stranger cannot make ingest buffer and parse up to
 * BODY_LIMIT_BYTES. Only requests that carry a body are checked here (the one public route
 * that takes one, the one-click unsubscribe POST, passes only with a small body); the guard
 * authenticates the rest and authorises every route. The connection is closed on refusal so
 * the rest of an upload is not read either.
 */
export function installEarlyAuthentication(app: NestFastifyApplication): void {
  const authenticator = app.get(ApiKeyAuthenticator);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!carriesBody(request) || isSmallUnsubscribePost(request)) return;
      try {
        (request as unknown as AuthenticatedRequest).principal = await authenticator.authenticate(request.headers.authorization, request.ip);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return reply.code(error.getStatus()).header('connection', 'close').send(envelope(error.getStatus(), error.message, error.details));
      }
    });
}

function carriesBody(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return request.headers['transfer-encoding'] !== undefined || (Number.isFinite(length) && length > 0) || Number.isNaN(length);
}
