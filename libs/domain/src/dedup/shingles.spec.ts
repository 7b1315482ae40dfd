import { normaliseForDedup } from './normalise';
import { sortUnique, toShingleSet, wordShingles } from './shingles';

function isStrictlyAscending(values: Uint32Array): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]);
}

describe('wordShingles', () => {
  it('makes one shingle per window of k words, sorted and unique', () => {
    const shingles = wordShingles('a b c d e');
    expect(shingles).toHaveLength(3);
    expect(isStrictlyAscending(shingles)).toBe(true);
  });

  it('removes repeated shingles', () => {
    expect(wordShingles('a b c a b c a b c')).toHaveLength(3);
  });

  it('is order sensitive within a window', () => {
    const [x] = wordShingles('a b c');
    const [y] = wordShingles('c b a');
    expect(x).not.toBe(y);
  });

  it('respects k', () => {
    expect(wordShingles('a b c d e', 2)).toHaveLength(4);
    expect(wordShingles('a b c d e', 1)).toHaveLength(5);
  });

  it('gives one shingle of all the words for a text shorter than k', () => {
    const short = wordShingles('rude receptionist');
    expect(short).toHaveLength(1);
    expect(short).toEqual(wordShingles('rude receptionist', 2));
    expect(wordShingles('rude receptionist again')).not.toContain(short[0]);
  });

  it('gives an empty set for empty text', () => {
    expect(wordShingles('')).toHaveLength(0);
    expect(wordShingles(normaliseForDedup('[name] 12/03/2024'))).toHaveLength(0);
  });

  it('rejects a non-positive k', () => {
    expect(() => wordShingles('a b c', 0)).toThrow(RangeError);
  });

  it('is deterministic', () => {
    expect(wordShingles('the ward staff were rude')).toEqual(wordShingles('the ward staff were rude'));
  });
});

describe('toShingleSet / sortUnique', () => {
  it('sorts and removes repeats', () => {
    expect(Array.from(toShingleSet([5, 1, 5, 0xffffffff, 1]))).toEqual([1, 5, 0xffffffff]);
    expect(Array.from(sortUnique(new Uint32Array([3, 3, 3])))).toEqual([3]);
  });
});
