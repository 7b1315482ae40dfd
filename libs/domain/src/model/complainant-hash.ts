import { createHmac } from 'node:crypto';

/**
 * Keyed hash of a body's identifier for a person (e.g. an NHS number). Normalised first so
 * "943 476 5919" and "9434765919" link; keyed so nobody holding the table can reverse it
 * by hashing every possible number.
 */
export function complainantHash(secret: string, rawId: string): string {
  const normalised = rawId.replace(/[\s-]+/g, '').toUpperCase();
  return createHmac('sha256', secret).update(normalised).digest('hex');
}
