import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The one cookie this app sets, read and written by hand: @fastify/cookie loads its parser
 * with a dynamic import() that Jest's CommonJS sandbox refuses, and one cookie needs no library.
 */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

export interface CookieAttributes {
  secure: boolean;
  /** Seconds; 0 deletes the cookie. Absent: a browser-session cookie (the server decides expiry). */
  maxAge?: number;
}

/** HttpOnly, SameSite=Lax, Path=/, and Secure when asked; the value must be cookie-safe (ours is base64url). */
export function writeCookie(reply: FastifyReply, name: string, value: string, attributes: CookieAttributes): void {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (attributes.secure) parts.push('Secure');
  if (attributes.maxAge !== undefined) parts.push(`Max-Age=${attributes.maxAge}`);
  reply.header('set-cookie', parts.join('; '));
}
