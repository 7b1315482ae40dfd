import { fmix32 } from './hash32';
import { estimateJaccard, jaccard, minhashSignature } from './minhash';
import { toShingleSet } from './shingles';

/** Two random sets of `size` elements with Jaccard ≈ target (well-mixed values, as shingles are). */
function setsWithJaccard(target: number, size: number, salt: number): [Uint32Array, Uint32Array] {
  const common = Math.round((2 * size * target) / (1 + target));
  let counter = salt * 1_000_003;
  const next = (): number => fmix32(Math.imul(++counter, 0x9e3779b1));
  const shared = Array.from({ length: common }, next);
  const onlyA = Array.from({ length: size - common }, next);
  const onlyB = Array.from({ length: size - common }, next);
  return [toShingleSet([...shared, ...onlyA]), toShingleSet([...shared, ...onlyB])];
}

describe('minhashSignature', () => {
  it('has numHashes slots and is deterministic for a seed', () => {
    const [a] = setsWithJaccard(0.5, 200, 1);
    expect(minhashSignature(a)).toHaveLength(128);
    expect(minhashSignature(a, 64)).toHaveLength(64);
    expect(minhashSignature(a)).toEqual(minhashSignature(a));
    expect(minhashSignature(a, 128, 1)).not.toEqual(minhashSignature(a, 128, 2));
  });

  it('handles a number of hashes that is not a multiple of 4', () => {
    const [a] = setsWithJaccard(0.5, 50, 2);
    expect(Array.from(minhashSignature(a, 7))).toEqual(Array.from(minhashSignature(a, 8).subarray(0, 7)));
  });

  it('works on subarray views (as sortUnique returns)', () => {
    const [a] = setsWithJaccard(0.5, 50, 3);
    const padded = new Uint32Array(a.length + 4);
    padded.set(a, 4);
    expect(minhashSignature(padded.subarray(4))).toEqual(minhashSignature(a));
  });

  it('rejects a non-positive number of hashes', () => {
    expect(() => minhashSignature(new Uint32Array([1]), 0)).toThrow(RangeError);
  });
});

describe('estimateJaccard', () => {
  // Few trials because Math.imul is ~100x slower inside Jest's vm sandbox than in plain node;
  // the seeded data make the result deterministic, so this cannot flake.
  it.each([0.2, 0.5, 0.8])('is unbiased with the theoretical error at J=%p', (target) => {
    const errors: number[] = [];
    for (let trial = 0; trial < 80; trial++) {
      const [a, b] = setsWithJaccard(target, 250, trial + 1);
      errors.push(estimateJaccard(minhashSignature(a), minhashSignature(b)) - jaccard(a, b));
    }
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / errors.length);
    const theory = Math.sqrt((target * (1 - target)) / 128);
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(sd).toBeLessThan(theory * 1.25);
  });

  it('is 1 for identical sets and ~0 for disjoint sets', () => {
    const [a, b] = setsWithJaccard(0, 200, 9);
    expect(estimateJaccard(minhashSignature(a), minhashSignature(a))).toBe(1);
    expect(estimateJaccard(minhashSignature(a), minhashSignature(b))).toBeLessThan(0.05);
  });

  it('rejects signatures of different lengths', () => {
    expect(() => estimateJaccard(new Uint32Array(4), new Uint32Array(8))).toThrow(RangeError);
  });
});

describe('jaccard', () => {
  it('computes |A∩B| / |A∪B| on sorted arrays and on Sets', () => {
    const a = toShingleSet([1, 2, 3, 4]);
    const b = toShingleSet([3, 4, 5, 6]);
    expect(jaccard(a, b)).toBeCloseTo(2 / 6);
    expect(jaccard(new Set([1, 2, 3, 4]), new Set([3, 4, 5, 6]))).toBeCloseTo(2 / 6);
    expect(jaccard(a, new Set([3, 4, 5, 6]))).toBeCloseTo(2 / 6);
  });

  it('is 1 for equal sets and 0 when either set is empty', () => {
    const a = toShingleSet([7, 8]);
    expect(jaccard(a, a)).toBe(1);
    expect(jaccard(a, new Uint32Array(0))).toBe(0);
    expect(jaccard(new Uint32Array(0), new Uint32Array(0))).toBe(0);
  });
});
