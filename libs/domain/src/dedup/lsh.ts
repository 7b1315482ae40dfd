import { hashWindows } from './hash32';
import type { MinHashSignature } from './minhash';

/**
 * Locality-sensitive hashing over MinHash signatures. The signature is cut into `bands`
 * bands of `rows` slots; two texts become candidates when any band is identical, which
 * happens with probability 1 − (1 − J^rows)^bands. See docs/dedup-routing.md for the curve.
 */

/**
 * 24 bands × 4 rows (the first 96 of the 128 slots): threshold ≈ (1/24)^(1/4) ≈ 0.45, and a pair
 * at the near-duplicate threshold 0.7 is a candidate with probability 0.9986. Each band is a row
 * in PostgreSQL's band index for every complaint, so the band count is paid in writes and
 * look-ups; eval:dedup keeps every labelled near duplicate at 24 (at 16 and 20 it lost one or
 * two pairs with Jaccard 0.72, and 32 bought nothing more). Band i's key does not depend on the
 * band count, so keys stored under the earlier 32-band layout still match their first 24.
 */
export const DEFAULT_LSH_BANDS = 24;
export const DEFAULT_LSH_ROWS = 4;

/** The top 8 bits of a key carry the band index, so at most 256 bands. */
const MAX_BANDS = 256;
const SEED_HIGH = 0x1b873593;
const SEED_LOW = 0x2f0b6b4d;

/**
 * Band key layout (64 bits): [band index: 8 bits][hash of the band's rows: 56 bits].
 * Putting the band index in the top bits — rather than hashing it in — guarantees that equal
 * rows in different bands can never produce the same key. Returned as BigInt.asIntN(64)
 * so it always fits a PostgreSQL `bigint`.
 */
function bandKey(band: number, high: number, low: number): bigint {
  const unsigned = (BigInt(band) << 56n) | (BigInt(high & 0xffffff) << 32n) | BigInt(low >>> 0);
  return BigInt.asIntN(64, unsigned);
}

/**
 * Second band set, over the MinHash of the content-word set (see content-words.ts): 16 bands ×
 * 3 rows, so a pair with word Jaccard 0.6 is a candidate with probability 0.98 and one at 0.3
 * with 0.35 (those are dropped by verification; the look-up ranks by shared bands). Its band
 * indices start at 64 so they can never equal a shingle band key, of this or any past layout.
 */
export const WORD_LSH_BANDS = 16;
export const WORD_LSH_ROWS = 3;
export const WORD_LSH_FIRST_BAND = 64;

/**
 * LSH band keys as DECIMAL STRINGS of signed 64-bit integers. Strings because that is what
 * node-postgres returns for a `bigint` column, so keys read back compare equal with `===`
 * and can be bound directly as parameters (e.g. `WHERE band_key = ANY($1::bigint[])`).
 */
export function lshBands(
  signature: MinHashSignature,
  bands: number = DEFAULT_LSH_BANDS,
  rows: number = DEFAULT_LSH_ROWS,
  firstBand = 0,
): string[] {
  if (!Number.isInteger(bands) || bands < 1 || bands > MAX_BANDS) throw new RangeError(`bands must be 1..${MAX_BANDS}, got ${bands}`);
  if (!Number.isInteger(firstBand) || firstBand < 0 || firstBand + bands > MAX_BANDS) {
    throw new RangeError(`firstBand + bands must be within 0..${MAX_BANDS}, got ${firstBand} + ${bands}`);
  }
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${rows}`);
  if (bands * rows > signature.length) {
    throw new RangeError(`bands × rows (${bands * rows}) exceeds signature length ${signature.length}`);
  }
  // Two independently seeded hashes of each band give the 56 hash bits of its key.
  const high = hashWindows(signature, rows, rows, bands, SEED_HIGH);
  const low = hashWindows(signature, rows, rows, bands, SEED_LOW);
  const keys = new Array<string>(bands);
  for (let band = 0; band < bands; band++) keys[band] = bandKey(firstBand + band, high[band], low[band]).toString();
  return keys;
}

/** Probability that a pair with Jaccard `similarity` shares at least one band (the S-curve). */
export function lshCandidateProbability(
  similarity: number,
  bands: number = DEFAULT_LSH_BANDS,
  rows: number = DEFAULT_LSH_ROWS,
): number {
  return 1 - Math.pow(1 - Math.pow(similarity, rows), bands);
}

/** Whether two band-key lists share a key — what the worker's index lookup does in SQL. */
export function sharesBand(keysA: readonly string[], keysB: readonly string[]): boolean {
  const set = new Set(keysA);
  return keysB.some((key) => set.has(key));
}

/**
 * Content-word bands a pair must share, when it shares no shingle band, to be compared. A
 * bag of words shares one band by chance far more often than a light edit shares just one:
 * at word J 0.2 one shared band has probability 0.12 and two 0.007; a light edit at word J
 * 0.7 shares 5.5 on average and fewer than two 1 % of the time.
 */
export const MIN_SHARED_WORD_BANDS = 2;

/** The band index in a key's top 8 bits. */
export function bandIndexOf(key: string): number {
  return Number((BigInt.asUintN(64, BigInt(key)) >> 56n) & 255n);
}

export function isWordBand(key: string): boolean {
  return bandIndexOf(key) >= WORD_LSH_FIRST_BAND;
}

/** Whether shared band keys make a pair worth verifying: a shingle band, or enough word bands. */
export function bandsQualify(sharedKeys: readonly string[]): boolean {
  let wordBands = 0;
  for (const key of sharedKeys) {
    if (!isWordBand(key)) return true;
    wordBands++;
  }
  return wordBands >= MIN_SHARED_WORD_BANDS;
}

/** sharesBand with the rule above: what the worker's look-up and decideBatch compare. */
export function bandCandidates(keysA: readonly string[], keysB: readonly string[]): boolean {
  const set = new Set(keysA);
  return bandsQualify(keysB.filter((key) => set.has(key)));
}
