import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import fastifyMultipart, { type Multipart } from '@fastify/multipart';

/** Each field of an upload form is a token or a choice: short. */
const FIELD_BYTES = 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** The parts of a multipart form after its leading `_csrf` field (see installMultipartForms). */
    multipartRest: AsyncIterator<Multipart> | null;
  }
}

/**
 * File uploads (`enctype="multipart/form-data"`) without weakening the CSRF check.
 *
 * The check (`requireCsrfOnUnsafeMethods`, a preHandler) reads `request.body._csrf`, but a
 * multipart body is a stream nobody has read by then, and without JavaScript a form cannot
 * send a header. So a multipart form puts `{{ csrfField() }}` first (browsers send parts in
 * document order); this preValidation hook reads only that first part, at most FIELD_BYTES,
 * and hands it to the unchanged CSRF check as `request.body._csrf`. The file is read only by
 * the handler, i.e. after the CSRF check and the sign-in guard have passed; `multipartRest`
 * continues the same stream there. A form whose first part is not `_csrf` gets no token and
 * is refused like any form without one.
 */
export async function installMultipartForms(app: NestFastifyApplication, fileBytes: number): Promise<void> {
  await app.register(fastifyMultipart as never, {
    limits: { fieldNameSize: 100, fieldSize: FIELD_BYTES, fields: 4, files: 1, parts: 5, headerPairs: 100, fileSize: fileBytes },
    throwFileSizeLimit: true,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('multipartRest', null);
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.method !== 'POST' || !request.isMultipart()) return;
    const parts = request.parts()[Symbol.asyncIterator]();
    request.multipartRest = parts;
    let first: IteratorResult<Multipart>;
    try {
      first = await parts.next();
    } catch {
      return; // malformed or over a limit: no token, so the CSRF check refuses it
    }
    if (first.done || first.value.type !== 'field' || first.value.fieldname !== '_csrf' || typeof first.value.value !== 'string') return;
    request.body = { _csrf: first.value.value };
  });
}
