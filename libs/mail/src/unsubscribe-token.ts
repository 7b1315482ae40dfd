import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The key is derived from the configured secret with a fixed label, so unsubscribe tokens
 * can never be confused with (or reveal) complainant hashes made with the same secret.
 */
function tokenKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('unsubscribe-token/v1').digest();
}

function signature(secret: string, contactId: string): string {
  return createHmac('sha256', tokenKey(secret)).update(contactId.toLowerCase()).digest('base64url').slice(0, 32);
}

/** `<contact id>.<HMAC>`: proves the link came from one of our emails without storing anything. */
export function unsubscribeToken(secret: string, contactId: string): string {
  if (!UUID.test(contactId)) throw new RangeError('contact id must be a uuid');
  return `${contactId.toLowerCase()}.${signature(secret, contactId)}`;
}

/** The contact id a token was made for, or null when the token is malformed or forged. */
export function verifyUnsubscribeToken(secret: string, token: string): string | null {
  const [contactId, given, ...rest] = token.split('.');
  if (rest.length > 0 || !contactId || !given || !UUID.test(contactId)) return null;
  const expected = Buffer.from(signature(secret, contactId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? contactId.toLowerCase() : null;
}

export function unsubscribeUrl(publicUrl: string, secret: string, contactId: string): string {
  const url = new URL('/v1/unsubscribe', publicUrl);
  url.searchParams.set('token', unsubscribeToken(secret, contactId));
  return url.toString();
}
