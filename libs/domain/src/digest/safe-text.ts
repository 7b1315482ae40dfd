/*
 * Text hygiene for anything that reaches an email. Record content (learning summaries,
 * service areas, references, names) is untrusted: it may carry control characters, bidi
 * overrides that disguise text, or a leading "=" that a spreadsheet would run as a formula
 * when someone pastes the email into Excel.
 */

// C0/C1 controls (incl. CR, LF, TAB), line/paragraph separators, bidi embeddings/overrides/isolates.
const UNSAFE_CHARS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/** Characters a spreadsheet treats as the start of a formula (OWASP CSV injection list; tab and CR are removed earlier). */
const FORMULA_START = /^[=+\-@]/;

/** Replaces control and bidi characters with a space, collapses whitespace and trims. */
export function stripControlChars(value: string): string {
  return value.replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

/** Prefixes a value that would start a spreadsheet formula with `'`, which spreadsheets treat as "this is text". */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Shortens to at most `max` characters (code points), marking the cut with an ellipsis. */
export function clip(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/**
 * The one gate for record content on its way into an email (HTML or text part): single
 * line, no controls, bounded length, formula-neutralised. HTML escaping is still done by
 * Handlebars on top of this.
 */
export function safeText(value: string, max = 1000): string {
  return neutraliseFormula(clip(stripControlChars(value), max));
}

/**
 * A value for a mail header such as Subject: CR/LF and other controls removed (so nothing
 * can start a new header), bounded length.
 */
export function safeHeaderText(value: string, max = 180): string {
  return clip(stripControlChars(value), max);
}
