import { CONTENT_WORD_BIT, STORED_SET_MARKER } from './content-words';
import { sortUnique, type ShingleSet } from './shingles';

/**
 * The one sorted set stored per complaint (`complaint.shingles`), carrying both signals so the
 * write path and the column stay as they were:
 *
 *   [word 3-shingles, top bit cleared] [content words, top bit set] [0xFFFFFFFF marker]
 *
 * Still sorted and unique, so `shinglesToBuffer`/`shinglesFromBuffer` and their checks are
 * unchanged. A set without the marker was stored under dedup-v1 (full 32-bit shingle hashes,
 * no content words): it is read back as shingles only, masked the same way, so v1 and v2 rows
 * compare by word shingles and only the content-word signal is missing until re-fingerprinted.
 */

const SHINGLE_MASK = 0x7fffffff;

export interface SplitSet {
  /** Word 3-shingles, in the masked (31-bit) space. */
  shingles: ShingleSet;
  /** Content-word hashes; undefined for a v1 row that never had them. */
  words?: ShingleSet;
}

/** Shingle hashes (any 32-bit values) mapped into the lower half; sorted unique. */
export function maskShingles(shingles: ShingleSet): ShingleSet {
  const masked = new Uint32Array(shingles.length);
  for (let i = 0; i < shingles.length; i++) masked[i] = shingles[i] & SHINGLE_MASK;
  return sortUnique(masked);
}

/** Builds the stored set from raw shingle hashes and a content-word set. */
export function composeStoredSet(shingles: ShingleSet, words: ShingleSet): ShingleSet {
  if (shingles.length === 0 && words.length === 0) return new Uint32Array(0);
  const masked = maskShingles(shingles);
  const out = new Uint32Array(masked.length + words.length + 1);
  out.set(masked, 0);
  out.set(words, masked.length);
  out[out.length - 1] = STORED_SET_MARKER;
  return out;
}

export function isVersion2(set: ShingleSet): boolean {
  return set.length > 0 && set[set.length - 1] === STORED_SET_MARKER;
}

/** First index whose value has the top bit set (binary search: the set is sorted). */
function firstWordIndex(set: ShingleSet, end: number): number {
  let low = 0;
  let high = end;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (set[mid] >= CONTENT_WORD_BIT) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Views of the two signals inside a stored set (no copy for v2 rows). */
export function splitStoredSet(set: ShingleSet): SplitSet {
  if (!isVersion2(set)) return { shingles: maskShingles(set) };
  const end = set.length - 1;
  const split = firstWordIndex(set, end);
  return { shingles: set.subarray(0, split), words: set.subarray(split, end) };
}
