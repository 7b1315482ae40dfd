import { contentWordSet } from './content-words';
import { DEFAULT_LSH_BANDS, DEFAULT_LSH_ROWS, lshBands, WORD_LSH_BANDS, WORD_LSH_FIRST_BAND, WORD_LSH_ROWS } from './lsh';
import { minhashSignature, type MinHashSignature } from './minhash';
import { normalisedWords, sha256Hex } from './normalise';
import { shinglesOfWords, type ShingleSet } from './shingles';
import { composeStoredSet } from './stored-set';

/**
 * Version of the whole fingerprint format (normalisation, shingle hashing, MinHash seed and
 * size, band layout, stored set layout). dedup-v2 added the content-word set to the stored
 * set and a second band set; shingle band keys are unchanged from v1 (see stored-set.ts for
 * how v1 rows are still read).
 */
export const DEDUP_SIGNATURE_VERSION = 'dedup-v2';

/** Seed of the content-word MinHash: independent of the shingle MinHash. */
const WORD_MINHASH_SEED = 0x77a1d5e3;

export interface DedupFingerprint {
  normalised: string;
  exactHash: string;
  /**
   * What is stored and compared: word 3-shingles and content words in one sorted set
   * (stored-set.ts). Use splitStoredSet() to read the two signals.
   */
  shingles: ShingleSet;
  /** MinHash of the raw word 3-shingles (the slots the shingle bands read). */
  signature: MinHashSignature;
  /**
   * Shingle band keys (bands 0–23) then content-word band keys (64–79). Empty when the text
   * has no words: an empty signature would collide with every other.
   */
  bands: string[];
}

/** Everything the worker stores for one complaint text, computed in one pass with defaults. */
export function dedupFingerprint(text: string): DedupFingerprint {
  const words = normalisedWords(text);
  const normalised = words.join(' ');
  const shingles = shinglesOfWords(words);
  const wordSet = contentWordSet(words);
  // Only the slots the bands read: slot i does not depend on the signature's length.
  // The shingle MinHash runs over the unmasked hashes, so its band keys equal dedup-v1's.
  const signature = minhashSignature(shingles, DEFAULT_LSH_BANDS * DEFAULT_LSH_ROWS);
  return {
    normalised,
    exactHash: sha256Hex(normalised),
    shingles: composeStoredSet(shingles, wordSet),
    signature,
    bands: shingles.length === 0 ? [] : [...lshBands(signature), ...wordBands(wordSet)],
  };
}

/** Band keys of the content-word set; none for a text of stop words only. */
export function wordBands(wordSet: ShingleSet): string[] {
  if (wordSet.length === 0) return [];
  const signature = minhashSignature(wordSet, WORD_LSH_BANDS * WORD_LSH_ROWS, WORD_MINHASH_SEED);
  return lshBands(signature, WORD_LSH_BANDS, WORD_LSH_ROWS, WORD_LSH_FIRST_BAND);
}
