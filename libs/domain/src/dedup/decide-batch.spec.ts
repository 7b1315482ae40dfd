import { decideBatch, type BatchSubject, type StoredCandidate } from './decide-batch';
import { dedupFingerprint } from './fingerprint';

const TEXT =
  'The family were not told that the scan had been delayed for two weeks and nobody returned their calls ' +
  'when they rang the ward to ask what was happening with the results of the scan.';
const OTHER =
  'Repairs to the council flat boiler were promised within five days but the tenant waited eleven weeks ' +
  'without heating and was given no explanation or compensation for the extra costs.';

function subject(id: string, organisationId: string, text: string, complainantHash?: string): BatchSubject {
  const fingerprint = dedupFingerprint(text);
  return {
    id,
    organisationId,
    reference: `ref-${id}`,
    receivedAt: new Date('2026-10-01T00:00:00Z'),
    exactHash: fingerprint.exactHash,
    shingles: fingerprint.shingles,
    bands: fingerprint.bands,
    complainantHash,
  };
}

function stored(record: BatchSubject, status: 'original' | 'duplicate' = 'original'): StoredCandidate {
  return { ...record, status, duplicateOf: null };
}

describe('decideBatch', () => {
  it('makes the second of two identical records in one batch a duplicate of the first', () => {
    const decisions = decideBatch([subject('a', 'org1', TEXT), subject('b', 'org1', TEXT)], []);
    expect(decisions.get('a')?.kind).toBe('original');
    expect(decisions.get('b')).toMatchObject({ kind: 'duplicate', of: 'a', rule: 'exact' });
  });

  it('matches against stored complaints that share a band', () => {
    const decisions = decideBatch([subject('new', 'org1', TEXT.replace('two weeks', '2 weeks'))], [stored(subject('old', 'org1', TEXT))]);
    expect(decisions.get('new')).toMatchObject({ kind: 'duplicate', of: 'old' });
  });

  it('leaves unrelated complaints original', () => {
    const decisions = decideBatch([subject('new', 'org1', OTHER)], [stored(subject('old', 'org1', TEXT))]);
    expect(decisions.get('new')).toEqual({ kind: 'original', related: [] });
  });

  it('links the same text from another body as related, not duplicate', () => {
    const decisions = decideBatch([subject('trust', 'org2', TEXT)], [stored(subject('gp', 'org1', TEXT))]);
    expect(decisions.get('trust')).toMatchObject({ kind: 'original', related: [expect.objectContaining({ id: 'gp', rule: 'cross-body' })] });
  });

  it('links different texts of the same complainant across bodies', () => {
    const decisions = decideBatch([subject('b', 'org2', OTHER, 'hash-1')], [stored(subject('a', 'org1', TEXT, 'hash-1'))]);
    expect(decisions.get('b')).toMatchObject({ kind: 'original', related: [expect.objectContaining({ id: 'a', rule: 'same-complainant' })] });
  });

  it('never compares a record with its own earlier version', () => {
    const record = subject('same', 'org1', TEXT);
    expect(decideBatch([record], [stored(record)]).get('same')?.kind).toBe('original');
  });

  it('respects pairs people said must never be merged', () => {
    const decisions = decideBatch([subject('b', 'org1', TEXT)], [stored(subject('a', 'org1', TEXT))], { neverMerge: [['a', 'b']] });
    expect(decisions.get('b')?.kind).toBe('original');
  });
});
