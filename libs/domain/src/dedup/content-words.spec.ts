import fc from 'fast-check';
import { CONTENT_WORD_BIT, contentWords, contentWordSet, lightStem, wordOverlap } from './content-words';
import { normalisedWords } from './normalise';
import { toShingleSet } from './shingles';

const set = (text: string) => contentWordSet(normalisedWords(text));

describe('content words', () => {
  it('drops stop words and single letters, keeps domain words', () => {
    expect(contentWords(normalisedWords('The nurse said that I was not on the ward, a b c'))).toEqual(['nurs', 'said', 'ward']);
  });

  it('stems lightly so inflections of one word meet', () => {
    expect(['visits', 'visited', 'visiting'].map(lightStem)).toEqual(['visit', 'visit', 'visit']);
    expect(new Set(['discharge', 'discharged', 'discharging', 'discharges'].map(lightStem)).size).toBe(1);
    expect(new Set(['nurse', 'nurses', 'nursing'].map(lightStem)).size).toBe(1);
    expect(lightStem('injuries')).toBe('injury');
    expect(lightStem('glass')).toBe('glass');
    expect(lightStem('bus')).toBe('bus');
    expect(lightStem('red')).toBe('red');
  });

  it('hashes into the top half of the 32-bit space, sorted and unique', () => {
    const words = set('Nurse nurses ward wards discharge discharged discharging');
    expect(words).toHaveLength(3);
    for (let i = 0; i < words.length; i++) {
      expect(words[i]).toBeGreaterThanOrEqual(CONTENT_WORD_BIT);
      if (i > 0) expect(words[i]).toBeGreaterThan(words[i - 1]);
    }
  });

  it('is blind to word order and to stop-word edits, but not to content-word edits', () => {
    expect(wordOverlap(set('the bin was not emptied'), set('emptied bin, not the'))).toMatchObject({ jaccard: 1, differing: 0 });
    expect(wordOverlap(set('the green bin was missed'), set('the black bin was missed')).jaccard).toBeCloseTo(2 / 4);
  });

  it('measures containment for a sentence removed', () => {
    const overlap = wordOverlap(set('Bin missed again. Crew rude. Lorry blocked road.'), set('Bin missed again. Lorry blocked road.'));
    expect(overlap.containment).toBe(1);
    expect(overlap.jaccard).toBeLessThan(1);
  });

  it('gives symmetric overlaps within [0, 1] and 1 for a set with itself', () => {
    const values = fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { maxLength: 30 });
    fc.assert(
      fc.property(values, values, (x, y) => {
        const a = toShingleSet(x);
        const b = toShingleSet(y);
        const ab = wordOverlap(a, b);
        const ba = wordOverlap(b, a);
        expect(ab).toEqual(ba);
        expect(ab.jaccard).toBeGreaterThanOrEqual(0);
        expect(ab.jaccard).toBeLessThanOrEqual(ab.containment);
        expect(ab.containment).toBeLessThanOrEqual(1);
        if (a.length > 0) expect(wordOverlap(a, a).jaccard).toBe(1);
      }),
    );
  });
});
