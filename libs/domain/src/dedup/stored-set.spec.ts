import fc from 'fast-check';
import { STORED_SET_MARKER } from './content-words';
import { dedupFingerprint } from './fingerprint';
import { shinglesFromBuffer, shinglesToBuffer } from './serialise';
import { toShingleSet } from './shingles';
import { composeStoredSet, isVersion2, maskShingles, splitStoredSet } from './stored-set';

describe('stored set (dedup-v2)', () => {
  it('splits back into the masked shingles and the content words', () => {
    const values = fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 40 });
    const words = fc.uniqueArray(fc.integer({ min: 0x80000000, max: 0xfffffffe }), { maxLength: 40 });
    fc.assert(
      fc.property(values, words, (s, w) => {
        const shingles = toShingleSet(s);
        const wordSet = toShingleSet(w);
        const stored = composeStoredSet(shingles, wordSet);
        if (shingles.length + wordSet.length === 0) return expect(stored).toHaveLength(0);
        const split = splitStoredSet(shinglesFromBuffer(shinglesToBuffer(stored)));
        expect([...split.shingles]).toEqual([...maskShingles(shingles)]);
        expect([...(split.words ?? [])]).toEqual([...wordSet]);
      }),
    );
  });

  it('marks a fingerprint as v2 and keeps it a valid sorted set', () => {
    const fp = dedupFingerprint('The carers did not arrive and nobody from the agency called to say so.');
    expect(isVersion2(fp.shingles)).toBe(true);
    expect(fp.shingles[fp.shingles.length - 1]).toBe(STORED_SET_MARKER);
    expect(() => shinglesFromBuffer(shinglesToBuffer(fp.shingles))).not.toThrow();
  });

  it('reads a v1 set (no marker) as masked shingles without words', () => {
    const v1 = toShingleSet([5, 0x80000005, 0x90000000]);
    expect(splitStoredSet(v1)).toEqual({ shingles: toShingleSet([5, 0x10000000]) });
  });

  it('stores nothing for a text without words', () => {
    expect(dedupFingerprint('[name] 12/03/2024').shingles).toHaveLength(0);
  });
});
