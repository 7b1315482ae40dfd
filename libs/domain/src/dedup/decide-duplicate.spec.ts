import { decideDuplicate, pairKey, similarityOf, type DedupCandidate, type DedupRecord } from './decide-duplicate';
import { dedupFingerprint } from './fingerprint';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 5, 1);

const TEXT =
  'My father was discharged from the ward late at night without a care package in place. The discharge letter said carers would visit the next morning but nobody came for three days. A neighbour found him on the floor and he was readmitted. Nobody told the family he was being sent home and his medication was not explained to anyone.';
const NEAR =
  'My father was discharged from the ward late at night without any care package in place. The discharge letter said carers would visit the next morning but nobody came for three days. A neighbour found him on the floor and he was readmitted. Nobody told the family he was being sent home and his medication was not explained to anyone.';
const OTHER_SAME_THEME =
  'The hospital kept my grandmother in a bed for seven weeks waiting for a nursing home place. We were pressured every day to choose a home from a list and told that if we did not pick one she would be moved to any home with a vacancy. Nobody told us about continuing healthcare funding.';

interface Spec {
  org?: string;
  ref?: string;
  day?: number;
  text?: string;
  complainant?: string | null;
  useSignatureOnly?: boolean;
}

function record(id: string, spec: Spec = {}): DedupRecord {
  const fp = dedupFingerprint(spec.text ?? TEXT);
  return {
    id,
    organisationId: spec.org ?? 'org-a',
    reference: spec.ref ?? `REF-${id}`,
    receivedAt: new Date(T0 + (spec.day ?? 0) * DAY),
    exactHash: fp.exactHash,
    ...(spec.useSignatureOnly ? { signature: fp.signature } : { shingles: fp.shingles }),
    complainantHash: spec.complainant ?? null,
  };
}

function original(id: string, spec: Spec = {}): DedupCandidate {
  return { ...record(id, spec), status: 'original', duplicateOf: null };
}

function duplicateOf(id: string, of: string, spec: Spec = {}): DedupCandidate {
  return { ...record(id, spec), status: 'duplicate', duplicateOf: of };
}

const subject = (spec: Spec = {}): DedupRecord => record('s', { day: 30, ...spec });

describe('decideDuplicate — exact rule', () => {
  it('marks the same normalised text at the same organisation as an exact duplicate', () => {
    const decision = decideDuplicate(subject({ text: TEXT.toUpperCase().replace(/\./g, '!') }), [original('a')]);
    expect(decision).toEqual({ kind: 'duplicate', of: 'a', matched: 'a', rule: 'exact', similarity: 1, related: [] });
  });

  it('does not treat the same reference (a new version) or the same id as a duplicate', () => {
    expect(decideDuplicate(subject({ ref: 'R1' }), [original('a', { ref: 'R1' })]).kind).toBe('original');
    expect(decideDuplicate(subject(), [original('s')]).kind).toBe('original');
  });

  it('prefers the earliest original among exact matches, whatever the candidate order', () => {
    const candidates = [original('late', { day: 20 }), original('early', { day: 2 }), original('mid', { day: 10 })];
    expect(decideDuplicate(subject(), candidates)).toMatchObject({ of: 'early', rule: 'exact' });
    expect(decideDuplicate(subject(), [...candidates].reverse())).toMatchObject({ of: 'early', rule: 'exact' });
  });

  it('breaks full ties by id', () => {
    expect(decideDuplicate(subject(), [original('b'), original('a')])).toMatchObject({ of: 'a' });
  });

  it('never calls two empty texts exact duplicates', () => {
    const empty = { text: '[name] [date-of-birth] 12/03/2024' };
    expect(decideDuplicate(subject(empty), [original('a', empty)]).kind).toBe('original');
  });
});

describe('decideDuplicate — near rule', () => {
  it('marks a lightly edited text at the same organisation as a near duplicate', () => {
    const decision = decideDuplicate(subject({ text: NEAR }), [original('a')]);
    expect(decision.kind).toBe('duplicate');
    expect(decision).toMatchObject({ of: 'a', rule: 'near' });
    if (decision.kind === 'duplicate') expect(decision.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('leaves a different complaint about the same theme as an original', () => {
    expect(decideDuplicate(subject({ text: OTHER_SAME_THEME }), [original('a')]).kind).toBe('original');
  });

  it('honours a configurable threshold (with the content-word rule switched off)', () => {
    const sim = similarityOf(subject({ text: NEAR }), original('a')) ?? 0;
    const options = { nearThreshold: Math.min(1, sim + 0.01), shingleFloor: 1 };
    expect(decideDuplicate(subject({ text: NEAR }), [original('a')], options).kind).toBe('original');
  });

  it('lets the content-word rule decide only with the shingles above its floor', () => {
    const strict = { nearThreshold: 1, shingleFloor: 0.99 };
    expect(decideDuplicate(subject({ text: NEAR }), [original('a')], strict).kind).toBe('original');
    expect(decideDuplicate(subject({ text: NEAR }), [original('a')], { nearThreshold: 1 }).kind).toBe('duplicate');
  });

  it('prefers an exact match over an earlier near match', () => {
    const decision = decideDuplicate(subject({ text: NEAR }), [original('near', { day: 1 }), original('exact', { day: 5, text: NEAR })]);
    expect(decision).toMatchObject({ of: 'exact', rule: 'exact' });
  });

  it('prefers the most similar near match over an earlier, less similar one', () => {
    const lessSimilar = NEAR.replace('three days', 'four whole days').replace('readmitted', 'taken back in');
    const candidates = [original('less', { day: 1, text: lessSimilar }), original('more', { day: 5, text: TEXT })];
    const decision = decideDuplicate(subject({ text: NEAR }), candidates, { nearThreshold: 0.6 });
    expect(decision).toMatchObject({ of: 'more', rule: 'near' });
  });

  it('falls back to the MinHash estimate when only signatures are available', () => {
    const decision = decideDuplicate(subject({ text: NEAR, useSignatureOnly: true }), [original('a', { useSignatureOnly: true })]);
    expect(decision).toMatchObject({ kind: 'duplicate', of: 'a', rule: 'near' });
  });
});

describe('decideDuplicate — chained duplicates', () => {
  it('points at the original of a candidate that is itself a duplicate', () => {
    const decision = decideDuplicate(subject(), [duplicateOf('b', 'a')]);
    expect(decision).toMatchObject({ kind: 'duplicate', of: 'a', matched: 'b', rule: 'exact' });
  });

  it('prefers a direct original over the same match reached through a chain', () => {
    const decision = decideDuplicate(subject(), [duplicateOf('b', 'root', { day: 1 }), original('root', { day: 5 })]);
    expect(decision).toMatchObject({ of: 'root', matched: 'root' });
  });

  it('ignores a duplicate with no recorded original and one that points back at the subject', () => {
    expect(decideDuplicate(subject(), [{ ...record('b'), status: 'duplicate', duplicateOf: null }]).kind).toBe('original');
    expect(decideDuplicate(subject(), [duplicateOf('b', 's')]).kind).toBe('original');
  });
});

describe('decideDuplicate — neverMerge', () => {
  it('never merges an unmerged pair, in either order, and falls back to the next candidate', () => {
    const candidates = [original('a', { day: 1 }), original('b', { day: 2 })];
    expect(decideDuplicate(subject(), candidates, { neverMerge: [['a', 's']] })).toMatchObject({ of: 'b' });
    expect(decideDuplicate(subject(), candidates, { neverMerge: [['s', 'a'], ['b', 's']] }).kind).toBe('original');
  });

  it('blocks a chain whose root or whose matched member was unmerged from the subject', () => {
    expect(decideDuplicate(subject(), [duplicateOf('b', 'a')], { neverMerge: [['s', 'a']] }).kind).toBe('original');
    expect(decideDuplicate(subject(), [duplicateOf('b', 'a')], { neverMerge: [['s', 'b']] }).kind).toBe('original');
  });

  it('still allows a related link for an unmerged pair at another body', () => {
    const decision = decideDuplicate(subject(), [original('x', { org: 'org-b' })], { neverMerge: [['s', 'x']] });
    expect(decision.related).toEqual([{ id: 'x', organisationId: 'org-b', rule: 'cross-body', similarity: 1 }]);
  });

  it('builds order-independent pair keys', () => {
    expect(pairKey('a', 'b')).toBe(pairKey('b', 'a'));
  });
});

describe('decideDuplicate — related links', () => {
  it('links the same case at another body within the window, never as a duplicate', () => {
    const decision = decideDuplicate(subject({ text: NEAR }), [original('x', { org: 'org-b', day: 0 })]);
    expect(decision.kind).toBe('original');
    expect(decision.related).toHaveLength(1);
    expect(decision.related[0]).toMatchObject({ id: 'x', organisationId: 'org-b', rule: 'cross-body' });
  });

  it('does not link across bodies outside the window or below the threshold', () => {
    expect(decideDuplicate(subject(), [original('x', { org: 'org-b', day: -200 })]).related).toEqual([]);
    expect(decideDuplicate(subject(), [original('x', { org: 'org-b', day: -200 })], { relatedWindowDays: 365 }).related).toHaveLength(1);
    expect(decideDuplicate(subject({ text: OTHER_SAME_THEME }), [original('x', { org: 'org-b' })]).related).toEqual([]);
  });

  it('links the same complainant across bodies whatever the text', () => {
    const decision = decideDuplicate(subject({ text: OTHER_SAME_THEME, complainant: 'h1' }), [
      original('x', { org: 'org-b', complainant: 'h1', day: -400 }),
      original('y', { org: 'org-c', complainant: 'h2' }),
      original('z', { org: 'org-a', complainant: 'h1' }),
    ]);
    expect(decision.kind).toBe('original');
    expect(decision.related.map((l) => [l.id, l.rule])).toEqual([['x', 'same-complainant']]);
  });

  it('gives both reasons when both apply, in a stable order', () => {
    const decision = decideDuplicate(subject({ complainant: 'h1' }), [original('x', { org: 'org-b', complainant: 'h1' })]);
    expect(decision.related.map((l) => l.rule)).toEqual(['cross-body', 'same-complainant']);
  });

  it('links to the original when the related candidate is a duplicate at its body', () => {
    const decision = decideDuplicate(subject(), [duplicateOf('x2', 'x1', { org: 'org-b' })]);
    expect(decision.related).toEqual([{ id: 'x1', organisationId: 'org-b', rule: 'cross-body', similarity: 1 }]);
  });

  it('reports related links on a duplicate decision too', () => {
    const decision = decideDuplicate(subject(), [original('a'), original('x', { org: 'org-b' })]);
    expect(decision).toMatchObject({ kind: 'duplicate', of: 'a' });
    expect(decision.related.map((l) => l.id)).toEqual(['x']);
  });
});

describe('decideDuplicate — complainants and options', () => {
  it('does not merge identical texts from two different complainants', () => {
    const decision = decideDuplicate(subject({ complainant: 'h1' }), [original('a', { complainant: 'h2' })]);
    expect(decision.kind).toBe('original');
    const allowed = decideDuplicate(subject({ complainant: 'h1' }), [original('a', { complainant: 'h2' })], {
      distinctComplainantsNeverDuplicate: false,
    });
    expect(allowed.kind).toBe('duplicate');
  });

  it('merges when only one side has a complainant hash', () => {
    expect(decideDuplicate(subject({ complainant: 'h1' }), [original('a')]).kind).toBe('duplicate');
  });

  it('rejects out-of-range options', () => {
    expect(() => decideDuplicate(subject(), [], { nearThreshold: 1.5 })).toThrow(RangeError);
    expect(() => decideDuplicate(subject(), [], { relatedThreshold: -0.1 })).toThrow(RangeError);
    expect(() => decideDuplicate(subject(), [], { relatedWindowDays: -1 })).toThrow(RangeError);
  });

  it('returns an original with no links when there are no candidates', () => {
    expect(decideDuplicate(subject(), [])).toEqual({ kind: 'original', related: [] });
  });
});
