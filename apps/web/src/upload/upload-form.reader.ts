import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import './multipart-forms';

export type UploadedFile = { ok: true; fileName: string; content: Buffer } | { ok: false; problem: 'no-file' | 'too-large' | 'unreadable' };

/**
 * The `file` part of the upload form, read after the CSRF check and the sign-in guard have
 * passed (installMultipartForms took the leading `_csrf` part). At most `maxBytes` are read:
 * one byte more and the reading stops.
 */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (request.multipartRest === null) return { ok: false, problem: 'no-file' };
  const parts: AsyncIterator<Multipart> = request.multipartRest;
  try {
    for (let next = await parts.next(); !next.done; next = await parts.next()) {
      const part = next.value;
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      const content = await part.toBuffer();
      if (content.length > maxBytes) return { ok: false, problem: 'too-large' };
      return { ok: true, fileName: part.filename ?? '', content };
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return { ok: false, problem: 'too-large' };
    // Busboy and the plugin's limits (too many parts, a truncated body): a form this page did not send.
    if (typeof code === 'string' && code.startsWith('FST_')) return { ok: false, problem: 'unreadable' };
    throw error;
  }
  return { ok: false, problem: 'no-file' };
}
