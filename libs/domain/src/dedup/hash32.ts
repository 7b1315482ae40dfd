/**
 * Small 32-bit hash primitives for dedup. Hand-written because the whole pipeline has a
 * budget of ~1 ms per record and a crypto hash per word or shingle would eat most of it.
 * None of these are secure; they only need to spread values evenly.
 *
 * The per-element loops live here, beside the primitives, on purpose: under tsx/esbuild
 * every call to an imported function goes through a getter, which made a per-shingle call
 * across modules ~10x slower than the hashing itself.
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units: cheap and good enough for single words. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** murmur3 block step: folds one 32-bit value into a running hash. */
export function murmurMix(hash: number, value: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3 finaliser: makes every output bit depend on every input bit (FNV alone does not). */
export function fmix32(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of every word: the inputs to shingle hashing. */
export function hashWords(words: readonly string[]): Int32Array {
  const hashes = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = fnv1a32(words[i]);
  return hashes;
}

/**
 * Hashes `count` windows of `width` consecutive values, window j starting at j × step:
 * murmur3-combine the values, fold in the width, finalise. Step 1 gives overlapping word
 * shingles; step = width gives the disjoint LSH bands of a signature.
 */
export function hashWindows(
  values: Int32Array | Uint32Array,
  width: number,
  step: number,
  count: number,
  seed: number,
): Uint32Array {
  const out = new Uint32Array(count);
  for (let j = 0; j < count; j++) {
    const start = j * step;
    let h = seed | 0;
    for (let r = 0; r < width; r++) h = murmurMix(h, values[start + r]);
    out[j] = fmix32(h ^ width);
  }
  return out;
}

/**
 * mulberry32: a tiny seeded PRNG. Used to derive MinHash coefficients (so signatures are
 * reproducible from the seed alone) and by the fixtures for deterministic edits.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}
