import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'clp_';

/** A new key, its stored hash and its listed prefix. */
export interface GeneratedApiKey {
  key: string;
  hash: string;
  prefix: string;
}

/** API keys carry 192 random bits, so a fast hash is enough at rest (no dictionary to guess from). */
export function generateApiKey(): GeneratedApiKey {
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 10) };
}

export function hashApiKey(key: string): string {
  return keyDigest(key).toString('hex');
}

/** The SHA-256 of a presented key: its hex form is the stored hash, the bytes compare in constant time. */
export function keyDigest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
