import { createHmac, timingSafeEqual } from 'node:crypto';
import { UNSUBSCRIBE_KEY_ID, type UnsubscribeKey, type UnsubscribeKeyRing } from '@app/config';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const UNSUBSCRIBE_PATH = '/v1/unsubscribe';

/**
 * The key id is inside the MAC, so a signature made under one key can never be replayed
 * under another id. The label keeps these MACs apart from anything else made with a secret.
 */
function signature(key: UnsubscribeKey, contactId: string): string {
  return createHmac('sha256', key.secret).update(`unsubscribe-token/v2\n${key.id}\n${contactId.toLowerCase()}`).digest('base64url').slice(0, 32);
}

/** `<key id>.<contact id>.<HMAC>`: proves the link came from one of our emails without storing anything. */
export function unsubscribeToken(key: UnsubscribeKey, contactId: string): string {
  if (!UUID.test(contactId)) throw new RangeError('contact id must be a uuid');
  if (!UNSUBSCRIBE_KEY_ID.test(key.id)) throw new RangeError('key id must be 1–32 letters, digits, "-" or "_"');
  return `${key.id}.${contactId.toLowerCase()}.${signature(key, contactId)}`;
}

/**
 * The contact id a token was made for, or null when it is malformed, forged, or signed with a
 * key that is neither current nor among the previous keys still accepted during a rotation.
 */
export function verifyUnsubscribeToken(keys: UnsubscribeKeyRing, token: string): string | null {
  const [keyId, contactId, given, ...rest] = token.split('.');
  if (rest.length > 0 || !keyId || !contactId || !given || !UUID.test(contactId)) return null;
  const key = [keys.current, ...keys.previous].find((candidate) => candidate.id === keyId);
  if (!key) return null;
  const expected = Buffer.from(signature(key, contactId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? contactId.toLowerCase() : null;
}

/** The link in every email, signed with the current key; also the List-Unsubscribe URL. */
export function unsubscribeUrl(publicUrl: string, keys: UnsubscribeKeyRing, contactId: string): string {
  const url = new URL(UNSUBSCRIBE_PATH, publicUrl);
  url.searchParams.set('token', unsubscribeToken(keys.current, contactId));
  return url.toString();
}
