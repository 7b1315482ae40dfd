import { hashWindows, hashWords } from './hash32';

/**
 * A set of 32-bit shingle hashes, stored sorted ascending with no repeats. A sorted typed
 * array is ~10x smaller than a Set<number>, serialises straight to `bytea`, and lets
 * `jaccard` run as a linear merge.
 */
export type ShingleSet = Uint32Array;

export const DEFAULT_SHINGLE_SIZE = 3;

/** Seed for combining word hashes; part of the stored format (see DEDUP_SIGNATURE_VERSION). */
const SHINGLE_SEED = 0x9747b28c;

/** Sorts in place and drops repeats, returning a view of the unique prefix. */
export function sortUnique(values: Uint32Array): ShingleSet {
  values.sort();
  let write = 0;
  for (let read = 0; read < values.length; read++) {
    if (read === 0 || values[read] !== values[write - 1]) values[write++] = values[read];
  }
  return values.subarray(0, write);
}

/** Builds a ShingleSet from arbitrary 32-bit values (for tests and stored data). */
export function toShingleSet(values: Iterable<number>): ShingleSet {
  return sortUnique(Uint32Array.from(values, (v) => v >>> 0));
}

/**
 * Word k-shingles of already-normalised text (see normaliseForDedup), hashed to 32 bits.
 * A text shorter than k words yields one shingle of all its words so that very short
 * complaints can still match; an empty text yields an empty set.
 */
export function wordShingles(normalised: string, k: number = DEFAULT_SHINGLE_SIZE): ShingleSet {
  return shinglesOfWords(normalised.split(' ').filter((w) => w.length > 0), k);
}

/** wordShingles over an already-split word list (see normalisedWords). */
export function shinglesOfWords(words: readonly string[], k: number = DEFAULT_SHINGLE_SIZE): ShingleSet {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`shingle size must be a positive integer, got ${k}`);
  if (words.length === 0) return new Uint32Array(0);
  // A short text's single shingle has fewer words; hashWindows folds the width in, so it
  // cannot equal a full-width shingle of the same words.
  const width = Math.min(k, words.length);
  return sortUnique(hashWindows(hashWords(words), width, 1, words.length - width + 1, SHINGLE_SEED));
}
