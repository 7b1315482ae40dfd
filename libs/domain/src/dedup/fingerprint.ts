import { DEFAULT_LSH_BANDS, DEFAULT_LSH_ROWS, lshBands } from './lsh';
import { minhashSignature, type MinHashSignature } from './minhash';
import { normalisedWords, sha256Hex } from './normalise';
import { shinglesOfWords, type ShingleSet } from './shingles';

/**
 * Version of the whole fingerprint format (normalisation, shingle hashing, MinHash seed and
 * size, band layout). Store it beside signatures; a change means re-fingerprinting old rows.
 */
export const DEDUP_SIGNATURE_VERSION = 'dedup-v1';

export interface DedupFingerprint {
  normalised: string;
  exactHash: string;
  shingles: ShingleSet;
  signature: MinHashSignature;
  /** Empty when the text has no words: an empty signature would collide with every other. */
  bands: string[];
}

/** Everything the worker stores for one complaint text, computed in one pass with defaults. */
export function dedupFingerprint(text: string): DedupFingerprint {
  const words = normalisedWords(text);
  const normalised = words.join(' ');
  const shingles = shinglesOfWords(words);
  // Only the slots the bands read: slot i does not depend on the signature's length.
  const signature = minhashSignature(shingles, DEFAULT_LSH_BANDS * DEFAULT_LSH_ROWS);
  return {
    normalised,
    exactHash: sha256Hex(normalised),
    shingles,
    signature,
    bands: shingles.length === 0 ? [] : lshBands(signature),
  };
}
