import { createHmac } from 'node:crypto';
import { isValidNhsNumber } from '../understanding/redaction/nhs-number';

/**
 * Keyed hash of a complainant identifier. An identifier is `scheme:value`:
 *
 * - `nhs:` an NHS number (10 digits, spaces or hyphens allowed, modulus-11 check digit) —
 *   global, so the same person's cases at two bodies hash alike and the Ombudsman can link them;
 * - `email:` an email address (case-insensitive) — global, for the same reason;
 * - `local:` a body's own number for the person — namespaced by the organisation before
 *   hashing, because '1001' at one body and '1001' at another are different people.
 *
 * HMAC (not a bare hash) because identifiers such as NHS numbers have a small space and a
 * plain SHA-256 could be reversed by enumeration. The scheme is part of the hashed key, so
 * `nhs:9434765919` and `local:9434765919` never collide.
 */

export type ComplainantScheme = 'nhs' | 'email' | 'local';
export const COMPLAINANT_SCHEMES: readonly ComplainantScheme[] = ['nhs', 'email', 'local'];

export interface ComplainantId {
  scheme: ComplainantScheme;
  /** The normalised value: digits only for `nhs`, lower case for `email`, trimmed for `local`. */
  value: string;
}

export type ComplainantIdParse = { ok: true; id: ComplainantId } | { ok: false; message: string };

const SCHEME_HINT = 'complainantId must be "scheme:value" with scheme nhs, email or local (e.g. "nhs:943 476 5919", "local:1001")';

/** Parses and normalises `scheme:value`; the message names what is wrong, never echoes the value. */
export function parseComplainantId(raw: string): ComplainantIdParse {
  const text = raw.normalize('NFKC');
  const colon = text.indexOf(':');
  if (colon < 0) return { ok: false, message: SCHEME_HINT };
  const scheme = text.slice(0, colon).trim().toLowerCase();
  const rest = text.slice(colon + 1);
  if (!(COMPLAINANT_SCHEMES as readonly string[]).includes(scheme)) return { ok: false, message: SCHEME_HINT };
  return NORMALISERS[scheme as ComplainantScheme](rest);
}

const NORMALISERS: Record<ComplainantScheme, (rest: string) => ComplainantIdParse> = {
  nhs: (rest) => {
    // Systems print NHS numbers as "943 476 5919" or "943-476-5919"; the person is the same.
    const digits = rest.replace(/[\s-]+/g, '');
    if (!/^\d{10}$/.test(digits)) return { ok: false, message: 'complainantId nhs: must be a 10-digit NHS number' };
    if (!isValidNhsNumber(digits)) return { ok: false, message: 'complainantId nhs: is not a valid NHS number (check digit)' };
    return { ok: true, id: { scheme: 'nhs', value: digits } };
  },
  email: (rest) => {
    const email = rest.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, message: 'complainantId email: must be an email address' };
    return { ok: true, id: { scheme: 'email', value: email } };
  },
  local: (rest) => {
    const value = rest.trim();
    if (value.length === 0) return { ok: false, message: 'complainantId local: must not be blank' };
    return { ok: true, id: { scheme: 'local', value } };
  },
};

/** The string that is hashed: `local:` ids carry the organisation, so bodies' local numbers never meet. */
export function complainantKey(id: ComplainantId, organisationId: string): string {
  return id.scheme === 'local' ? `local:${organisationId}:${id.value}` : `${id.scheme}:${id.value}`;
}

/** Hex HMAC-SHA256 of the complainant key. */
export function complainantHash(secret: string | Uint8Array, id: ComplainantId, organisationId: string): string {
  if (secret.length === 0) throw new RangeError('complainant hash secret must not be empty');
  return createHmac('sha256', secret).update(complainantKey(id, organisationId), 'utf8').digest('hex');
}

/**
 * Parses and hashes in one step (subject access and erasure take the id as a body wrote it).
 * Throws RangeError with the parse message when the id is not valid.
 */
export function hashComplainantId(secret: string | Uint8Array, raw: string, organisationId: string): string {
  const parsed = parseComplainantId(raw);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return complainantHash(secret, parsed.id, organisationId);
}
