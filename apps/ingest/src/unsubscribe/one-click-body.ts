import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UNSUBSCRIBE_PATH } from '@app/mail';

/** The body RFC 8058 requires of a one-click unsubscribe (and that our confirmation form sends). */
export const ONE_CLICK = { name: 'List-Unsubscribe', value: 'One-Click' } as const;

/** Far more than a one-click body needs; what a stranger may make ingest read on this route. */
const ONE_CLICK_LIMIT_BYTES = 16 * 1024;
const MULTIPART_ONE_CLICK = /content-disposition:\s*form-data;\s*name="?List-Unsubscribe"?[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n[ \t]*One-Click[ \t]*\r?\n/i;

/**
 * True when the POST body says `List-Unsubscribe=One-Click`: as a form Nest has already parsed
 * (application/x-www-form-urlencoded) or as the raw text of a multipart/form-data body, the
 * encoding RFC 8058 recommends to mail providers.
 */
export function isOneClickBody(body: unknown): boolean {
  if (typeof body === 'string') return MULTIPART_ONE_CLICK.test(body);
  if (!body || typeof body !== 'object') return false;
  const value = (body as Record<string, unknown>)[ONE_CLICK.name];
  return value === ONE_CLICK.value || (Array.isArray(value) && value.includes(ONE_CLICK.value));
}

/** Lets multipart one-click requests through as small raw strings (Fastify refuses unknown types with 415). */
export function acceptMultipartForms(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: ONE_CLICK_LIMIT_BYTES }, (_request, body, done) => done(null, body));
}

/**
 * The one public route that takes a body: a mail provider's one-click POST carries no API key.
 * The early authentication hook lets it through unread only when it declares a small length
 * (Fastify refuses a body longer than its Content-Length), so it cannot be used to make
 * ingest buffer a large upload.
 */
export function isSmallUnsubscribePost(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  const length = Number(request.headers['content-length']);
  return (
    request.method === 'POST' &&
    path === UNSUBSCRIBE_PATH &&
    request.headers['transfer-encoding'] === undefined &&
    Number.isInteger(length) &&
    length <= ONE_CLICK_LIMIT_BYTES
  );
}
