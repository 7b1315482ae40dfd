import { createHash } from 'node:crypto';

/**
 * Text normalisation for duplicate detection. Two submissions of the same complaint
 * differ in case, punctuation, spacing, redaction placeholders and dates (a body re-keys
 * the case with a corrected date); none of that should make them look different.
 */

/** Placeholders written by the redaction step, e.g. `[name]`, `[date-of-birth]`. */
const PLACEHOLDER = /\[[a-z][a-z0-9 _-]{0,39}\]/g;
/** 12/03/2024, 2024-03-12, 12.3.24 — removed before punctuation splits them into numbers. */
const NUMERIC_DATE = /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b/g;
/** Apostrophes are deleted, not spaced, so "didn't" and "didnt" normalise alike. */
const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
/** Runs of letters or digits in any script (Welsh ŵ/ŷ, accented names) are the words. */
const WORD = /[\p{L}\p{N}]+/gu;
/** Bare numbers, ordinals and clock times (11pm): days, years, times — dates in redacted text. */
const NUMERIC_TOKEN = /^\d+(?:st|nd|rd|th|am|pm)?$/;

/**
 * Month and weekday names are date parts too: dropping them means "3 March" → "5 April"
 * leaves the text unchanged. Ambiguous short forms ("mar", "sat", "sun", "wed") are kept
 * because they are ordinary words; "may" is dropped on both sides alike, which costs little.
 */
const DATE_WORDS: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday',
]);

function startsWithDigit(token: string): boolean {
  const code = token.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function keepToken(token: string): boolean {
  // The digit check first keeps the regex off the hot path for ordinary words.
  return startsWithDigit(token) ? !NUMERIC_TOKEN.test(token) : !DATE_WORDS.has(token);
}

/** The words of normaliseForDedup, before joining; lets callers skip a re-split. */
export function normalisedWords(text: string): string[] {
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(PLACEHOLDER, ' ')
    .replace(NUMERIC_DATE, ' ')
    .replace(APOSTROPHES, '');
  return (cleaned.match(WORD) ?? []).filter(keepToken);
}

/**
 * Lower-cases, drops redaction placeholders, dates and punctuation, and collapses
 * whitespace to single spaces. The result is the input to both the exact hash and shingling.
 */
export function normaliseForDedup(text: string): string {
  return normalisedWords(text).join(' ');
}

/** Hex SHA-256 of normalised text; exposed so callers can recognise "no content". */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Hash of text that normalised to nothing (only placeholders, numbers or punctuation).
 * Such texts must never be called exact duplicates of each other.
 */
export const EMPTY_CONTENT_HASH = sha256Hex('');

/** Hex SHA-256 of the normalised text: equal hashes mean "same words in the same order". */
export function exactContentHash(text: string): string {
  return sha256Hex(normaliseForDedup(text));
}
