import { LABELLED_PAIRS } from './fixtures/labelled-pairs';
import { dedupFingerprint, wordBands } from './fingerprint';
import { bandCandidates, lshBands, lshCandidateProbability, sharesBand, WORD_LSH_BANDS, WORD_LSH_FIRST_BAND, WORD_LSH_ROWS } from './lsh';
import { minhashSignature } from './minhash';
import { toShingleSet, wordShingles } from './shingles';
import { splitStoredSet } from './stored-set';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

describe('lshBands', () => {
  const signature = minhashSignature(toShingleSet([1, 2, 3, 4, 5]));

  it('returns one decimal signed-64-bit key per band', () => {
    const keys = lshBands(signature);
    expect(keys).toHaveLength(24);
    for (const key of keys) {
      expect(key).toMatch(/^-?\d+$/);
      const value = BigInt(key);
      expect(value >= INT64_MIN && value <= INT64_MAX).toBe(true);
    }
  });

  it('never gives equal rows in different bands the same key', () => {
    const flat = new Uint32Array(128).fill(42);
    const keys = lshBands(flat);
    expect(new Set(keys).size).toBe(24);
  });

  it('gives the fingerprint, which computes only the slots the bands read, the keys of the full signature', () => {
    const fp = dedupFingerprint('The ward did not tell the family that the scan had been cancelled until the following week.');
    // Shingle bands over the raw (unmasked) shingles: the same keys as dedup-v1 stored.
    expect(fp.bands.slice(0, 24)).toEqual(lshBands(minhashSignature(wordShingles(fp.normalised))));
    expect(fp.bands.slice(24)).toEqual(wordBands(splitStoredSet(fp.shingles).words ?? new Uint32Array(0)));
    expect(fp.bands).toHaveLength(24 + WORD_LSH_BANDS);
  });

  it('puts the content-word bands at indices 64 and up, apart from every shingle band', () => {
    const keys = lshBands(signature, WORD_LSH_BANDS, WORD_LSH_ROWS, WORD_LSH_FIRST_BAND);
    keys.forEach((key, band) => expect(Number(BigInt.asUintN(64, BigInt(key)) >> 56n)).toBe(WORD_LSH_FIRST_BAND + band));
    expect(() => lshBands(signature, 24, 4, 240)).toThrow(RangeError);
  });

  it('gives band i the same key whatever the band count, so stored keys of a wider layout still match', () => {
    expect(lshBands(signature, 32, 4).slice(0, 24)).toEqual(lshBands(signature, 24, 4));
  });

  it('uses the band index as the top 8 bits (so up to 256 bands stay distinct)', () => {
    const keys = lshBands(new Uint32Array(256).fill(7), 256, 1);
    expect(new Set(keys).size).toBe(256);
    keys.forEach((key, band) => expect(Number(BigInt.asUintN(64, BigInt(key)) >> 56n)).toBe(band));
  });

  it('is deterministic and supports other shapes', () => {
    expect(lshBands(signature)).toEqual(lshBands(signature));
    expect(lshBands(signature, 20, 6)).toHaveLength(20);
  });

  it('rejects shapes larger than the signature or too many bands', () => {
    expect(() => lshBands(signature, 33, 4)).toThrow(RangeError);
    expect(() => lshBands(new Uint32Array(300), 300, 1)).toThrow(RangeError);
  });
});

describe('lshCandidateProbability', () => {
  it('follows the S-curve of 24×4', () => {
    expect(lshCandidateProbability(0.8)).toBeGreaterThan(0.999);
    expect(lshCandidateProbability(0.7)).toBeGreaterThan(0.998);
    expect(lshCandidateProbability(0.6)).toBeGreaterThan(0.95);
    expect(lshCandidateProbability(0.3)).toBeLessThan(0.25);
    expect(lshCandidateProbability(0.1)).toBeLessThan(0.005);
  });
});

describe('LSH on the labelled pairs', () => {
  const byCategory = (prefix: string) => LABELLED_PAIRS.filter((p) => p.category.startsWith(prefix));
  const bandCache = new Map<string, string[]>();
  const bandsOf = (text: string): string[] => {
    const cached = bandCache.get(text) ?? dedupFingerprint(text).bands;
    bandCache.set(text, cached);
    return cached;
  };
  const candidate = (a: string, b: string) => bandCandidates(bandsOf(a), bandsOf(b));

  it('finds every near duplicate as a candidate (recall)', () => {
    const near = byCategory('near-');
    expect(near.length).toBeGreaterThan(200);
    const missed = near.filter((p) => !candidate(p.a, p.b)).map((p) => p.id);
    expect(missed).toEqual([]);
  });

  it('does not make distinct complaints about the same theme candidates through shingle bands (precision)', () => {
    const distinct = byCategory('same-theme-different');
    const hits = distinct.filter((p) => sharesBand(bandsOf(p.a).slice(0, 24), bandsOf(p.b).slice(0, 24))).map((p) => p.id);
    expect(hits).toEqual([]);
  });

  it('makes few of them candidates through content-word bands (verification drops those)', () => {
    const distinct = [...byCategory('same-theme-different'), ...byCategory('same-ward-same-week')];
    const hits = distinct.filter((p) => candidate(p.a, p.b));
    expect(hits.length / distinct.length).toBeLessThan(0.05);
  });

  it('finds every light edit of a short text as a candidate', () => {
    const short = byCategory('short-');
    expect(short.length).toBeGreaterThan(300);
    expect(short.filter((p) => !candidate(p.a, p.b)).map((p) => p.id)).toEqual([]);
  });
});
