/**
 * Whether an entered email address is worth looking up: one @, something either side, a dot in
 * the domain, no spaces, at most 254 characters. Checked by hand, in linear time.
 */
export function isEmailAddress(value: string): boolean {
  if (value.length < 3 || value.length > 254 || /\s/.test(value)) return false;
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return false;
  const domain = value.slice(at + 1);
  const dot = domain.indexOf('.');
  return dot > 0 && !domain.endsWith('.') && !domain.includes('..');
}

/** Trimmed and lower-cased: addresses are matched case-insensitively. */
export function normaliseEmail(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}
