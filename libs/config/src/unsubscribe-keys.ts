import { EnvError, makeValidator } from 'envalid';

/** One HMAC key for unsubscribe links; the id travels in every token so the key can be rotated. */
export interface UnsubscribeKey {
  id: string;
  secret: string;
}

/**
 * The key that signs new links, and the retired keys whose links still verify while emails
 * signed with them may still be in inboxes. A key in neither is refused.
 */
export interface UnsubscribeKeyRing {
  current: UnsubscribeKey;
  previous: UnsubscribeKey[];
}

/** Key ids are written into links and split on `.`, so they stay short and URL-safe. */
export const UNSUBSCRIBE_KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function parseUnsubscribeKeyId(input: string): string {
  const id = input.trim();
  if (!UNSUBSCRIBE_KEY_ID.test(id)) throw new EnvError('must be 1–32 letters, digits, "-" or "_"');
  return id;
}

/**
 * `UNSUBSCRIBE_PREVIOUS_SECRETS=k1:secret-one,k0:secret-zero`: id and secret split at the first
 * colon, entries at commas (so a secret may contain colons, not commas).
 */
export function parsePreviousUnsubscribeKeys(input: string): UnsubscribeKey[] {
  const entries = input
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const keys = entries.map((entry) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const secret = colon > 0 ? entry.slice(colon + 1) : '';
    // Never echo the entry: it holds a secret.
    if (!UNSUBSCRIBE_KEY_ID.test(id) || secret.length === 0) throw new EnvError('must be a comma-separated list of keyId:secret');
    return { id, secret };
  });
  const ids = keys.map((key) => key.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) throw new EnvError(`names key id ${repeated[0]} more than once`);
  return keys;
}

export const unsubscribeKeyId = makeValidator<string>(parseUnsubscribeKeyId);
export const previousUnsubscribeKeys = makeValidator<UnsubscribeKey[]>(parsePreviousUnsubscribeKeys);
