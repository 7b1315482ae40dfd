import { createHmac } from 'node:crypto';

/**
 * Keyed hash of a complainant identifier (e.g. an NHS number). Deliberately NOT scoped to
 * the organisation: the same person's cases at different bodies must hash alike so they can
 * be linked. HMAC (not a bare hash) because identifiers such as NHS numbers have a small
 * space and a plain SHA-256 could be reversed by enumeration.
 */

/** Spacing and case vary between systems ("943 476 5919" vs "9434765919"); the person does not. */
export function normaliseComplainantId(rawId: string): string {
  return rawId.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Hex HMAC-SHA256, or null when the identifier is blank (blank ids must never link people). */
export function complainantHash(secret: string | Uint8Array, rawId: string): string | null {
  if (secret.length === 0) throw new RangeError('complainant hash secret must not be empty');
  const id = normaliseComplainantId(rawId);
  if (id.length === 0) return null;
  return createHmac('sha256', secret).update(id, 'utf8').digest('hex');
}
