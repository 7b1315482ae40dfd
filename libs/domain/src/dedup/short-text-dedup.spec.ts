import { decideDuplicate, type DedupCandidate, type DedupRecord } from './decide-duplicate';
import { dedupFingerprint } from './fingerprint';
import { bandCandidates } from './lsh';
import { shinglesOfWords } from './shingles';
import { normalisedWords } from './normalise';
import { similarityOf } from './similarity';

/**
 * The dedup-v2 behaviour on short texts (60–150 words), with texts written for this spec
 * (not the fixtures), so it fails if the rule only fits the generated pairs.
 */
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 3);

const ORIGINAL =
  'My aunt was admitted to Ward 4 on Monday with a chest infection. On Wednesday night she rang the call bell for over an hour because she needed the toilet and nobody came. In the end she wet the bed and was left in wet sheets until the morning shift started. The nurse in charge later told us the ward had two agency staff who did not know the patients. We want an apology and to know how many staff were on duty that night.';

/** Four words changed and two sentences swapped, as a body re-keying the case would. */
const LIGHT_EDIT =
  'My aunt was admitted to Ward 4 on Monday with a chest infection. On Wednesday night she pressed the call bell for more than an hour because she needed the toilet and no one came. The nurse in charge later informed us the ward had two agency staff who did not know the patients. In the end she wet the bed and was left in wet sheets until the morning shift began. We want an apology and to know how many staff were on duty that night.';

const SENTENCE_REMOVED =
  'My aunt was admitted to Ward 4 on Monday with a chest infection. On Wednesday night she rang the call bell for over an hour because she needed the toilet and nobody came. In the end she wet the bed and was left in wet sheets until the morning shift started. We want an apology and to know how many staff were on duty that night.';

/** Same body, same ward, same week, same vocabulary — a different patient and a different failing. */
const SAME_WARD_OTHER_CASE =
  'My uncle was admitted to Ward 4 on Tuesday with a chest infection. On Wednesday the nurse gave him his antibiotics four hours late because the agency staff did not know where the drug keys were kept. Nobody told the family until we asked at visiting time. The nurse in charge said the ward was short of staff that week. We want to know how medicines are given when the regular staff are not on duty.';

const TEMPLATE_A =
  'Missed collection reported at [address] on [date]. The resident says the grey general waste bin was out by seven in the morning but the crew passed it by. The resident asks for it to be emptied this week and for the round to be checked.';
const TEMPLATE_B =
  'Missed collection reported at [address] on [date]. The resident says the crew emptied the recycling box but threw it into the road, where a car drove over it and split it. The resident asks for a new box to be delivered and for the crew to be spoken to.';

function record(id: string, text: string, day: number): DedupRecord {
  const fp = dedupFingerprint(text);
  return { id, organisationId: 'trust', reference: `REF-${id}`, receivedAt: new Date(T0 + day * DAY), exactHash: fp.exactHash, shingles: fp.shingles };
}

const stored = (text: string): DedupCandidate => ({ ...record('a', text, 0), status: 'original', duplicateOf: null });

function v1Shingles(text: string): Uint32Array {
  return shinglesOfWords(normalisedWords(text));
}

describe('dedup-v2 on short texts', () => {
  it('has texts of the size the rule is for', () => {
    for (const text of [ORIGINAL, LIGHT_EDIT, SAME_WARD_OTHER_CASE]) {
      const words = text.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(60);
      expect(words).toBeLessThanOrEqual(150);
    }
  });

  it('shows why: word-shingle Jaccard alone misses the light edit', () => {
    expect(similarityOf(record('b', LIGHT_EDIT, 2), stored(ORIGINAL))).toBeLessThan(0.7);
  });

  it('marks a light edit (4 words changed, 2 sentences swapped) a near duplicate, and finds it through the bands', () => {
    const decision = decideDuplicate(record('b', LIGHT_EDIT, 2), [stored(ORIGINAL)]);
    expect(decision).toMatchObject({ kind: 'duplicate', of: 'a', rule: 'near' });
    expect(bandCandidates(dedupFingerprint(ORIGINAL).bands, dedupFingerprint(LIGHT_EDIT).bands)).toBe(true);
  });

  it('marks the text with a sentence removed a near duplicate', () => {
    expect(decideDuplicate(record('b', SENTENCE_REMOVED, 1), [stored(ORIGINAL)]).kind).toBe('duplicate');
  });

  it('never merges a different case from the same ward in the same week', () => {
    expect(decideDuplicate(record('b', SAME_WARD_OTHER_CASE, 1), [stored(ORIGINAL)]).kind).toBe('original');
    expect(decideDuplicate(record('b', ORIGINAL, 1), [stored(SAME_WARD_OTHER_CASE)]).kind).toBe('original');
  });

  it('never merges two templated texts with different details', () => {
    expect(decideDuplicate(record('b', TEMPLATE_B, 0), [stored(TEMPLATE_A)]).kind).toBe('original');
  });

  it('still compares a dedup-v1 row (shingles only) by word shingles, without the word signal', () => {
    const old: DedupCandidate = { ...stored(ORIGINAL), shingles: v1Shingles(ORIGINAL) };
    const copy = record('b', `${ORIGINAL} `.replace('Monday', 'monday'), 3);
    expect(similarityOf(copy, old)).toBeCloseTo(1, 2);
    // The light edit needs the word signal, which an old row does not have: not merged.
    expect(decideDuplicate(record('b', LIGHT_EDIT, 2), [old]).kind).toBe('original');
    const moved = record('b', SENTENCE_REMOVED.replace('We want', 'We would like'), 2);
    expect(similarityOf(moved, old)).toBeGreaterThan(0.5);
  });
});
