import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { envelope } from './http-error.filter';

/** Routes that take many records at once get the whole `BODY_LIMIT_BYTES`. */
const BULK_ROUTES: ReadonlySet<string> = new Set(['/v1/complaints/batch', '/v1/complaints/csv']);
/**
 * Every other body is one record or a small admin request: a record's text fields hold at most
 * ~41,000 characters, under 256 KiB as JSON even with every character escaped.
 */
export const SMALL_BODY_LIMIT_BYTES = 1024 * 1024;

const TOO_LARGE = 'Request body is too large';

/**
 * Refuses a body that is too large before any of it is read, before authentication, rate limits
 * or logging middleware run: a declared `Content-Length` over the route's limit is answered 413
 * at once and the connection closed. A body without a declared length (chunked) is cut off as
 * soon as it passes the limit while it streams in.
 */
export function refuseOversizedBodies(fastify: FastifyInstance, bodyLimitBytes: number): void {
  const limitFor = (request: FastifyRequest) =>
    BULK_ROUTES.has(request.routeOptions.url ?? '') ? bodyLimitBytes : Math.min(bodyLimitBytes, SMALL_BODY_LIMIT_BYTES);

  fastify.addHook('onRequest', async (request, reply) => {
    const declared = Number(request.headers['content-length']);
    if (!(declared > limitFor(request))) return;
    await reply.code(413).header('connection', 'close').send(envelope(413, `${TOO_LARGE}: the limit for this endpoint is ${limitFor(request)} bytes`, []));
  });

  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const limit = limitFor(request);
    return limit < bodyLimitBytes ? payload.pipe(new ByteCap(limit)) : payload;
  });
}

/** Passes bytes through until more than `limit` have come, then fails the way Fastify's own limit does. */
class ByteCap extends Transform {
  receivedEncodedLength = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    if (this.receivedEncodedLength > this.limit) {
      done(Object.assign(new Error(`${TOO_LARGE}: the limit for this endpoint is ${this.limit} bytes`), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }));
      return;
    }
    done(null, chunk);
  }
}
