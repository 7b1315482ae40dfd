import { buildContactDigest } from './build-contact-digest';
import type { BuildContactDigestInput, ContactDigest } from './digest-types';
import { sampleDigestInput, sampleItem } from './testing/sample-digest.fixture';

function build(overrides: Partial<BuildContactDigestInput> = {}): ContactDigest {
  const digest = buildContactDigest({ ...sampleDigestInput(), ...overrides });
  if (!digest) throw new Error('expected a digest');
  return digest;
}

describe('buildContactDigest', () => {
  it('returns null when there is nothing to send', () => {
    expect(buildContactDigest({ ...sampleDigestInput(), items: [] })).toBeNull();
  });

  it('still sends when only shared learning arrived', () => {
    const digest = build({ items: sampleDigestInput().items.filter((i) => i.shared), previousTotal: 0, previousThemeCounts: {} });
    expect(digest.totals).toEqual({ count: 0, previousCount: 0, delta: 0, direction: 'same' });
    expect(digest.groups).toEqual([]);
    expect(digest.shared.total).toBe(2);
  });

  it('compares own totals and per-theme counts with the previous period', () => {
    const digest = build();
    expect(digest.totals).toEqual({ count: 5, previousCount: 4, delta: 1, direction: 'up' });
    expect(digest.themes).toEqual([
      { theme: 'communication', count: 4, previousCount: 1, delta: 3, direction: 'up' },
      { theme: 'clinical-care', count: 2, previousCount: 1, delta: 1, direction: 'up' },
      { theme: 'delay', count: 1, previousCount: 3, delta: -2, direction: 'down' },
    ]);
  });

  it('keeps themes only seen last period (a drop to zero) and accepts SQL string counts', () => {
    const digest = build({ previousThemeCounts: { medication: '2' }, previousTotal: '7' });
    expect(digest.themes.find((t) => t.theme === 'medication')).toEqual({
      theme: 'medication',
      count: 0,
      previousCount: 2,
      delta: -2,
      direction: 'down',
    });
    expect(digest.totals.previousCount).toBe(7);
  });

  it('computes the uphold rate over decided own cases only', () => {
    // a1 upheld, a2 partly, a3 not upheld, a5 resolved; a4 open is excluded; shared items ignored
    const digest = build();
    expect([digest.upheldCount, digest.decidedCount, digest.upheldRate]).toEqual([2, 4, 0.5]);
  });

  it('lists serious own cases separately', () => {
    const digest = build();
    expect(digest.seriousCases.entries.map((e) => e.complaintId)).toEqual(['a1']);
    expect(digest.seriousCases.total).toBe(1);
  });

  it('groups each item once under its lead theme, groups and entries most important first', () => {
    const digest = build({ cap: 20 });
    expect(digest.groups.map((g) => [g.theme, g.entries.map((e) => e.complaintId)])).toEqual([
      // a1: serious, its first theme clinical-care is followed
      ['clinical-care', ['a1', 'a5']],
      // a3 (high) is led by communication, the first of its themes the contact follows
      ['communication', ['a3', 'a2', 'a4']],
    ]);
    expect(digest.shown).toBe(5);
    expect(digest.omitted).toBe(0);
  });

  it('without followed themes, leads with the item’s first theme', () => {
    const input = sampleDigestInput();
    const digest = build({ contact: { ...input.contact, themes: [] }, cap: 20 });
    expect(digest.groups.map((g) => g.theme)).toEqual(['clinical-care', 'delay', 'communication']);
  });

  it('orders severity first, then upheld before not upheld, then most recent', () => {
    const items = [
      sampleItem({ complaintId: 'old-upheld', severity: 'medium', outcome: 'upheld', receivedAt: new Date('2026-11-01T00:00:00Z') }),
      sampleItem({ complaintId: 'new-not', severity: 'medium', outcome: 'not-upheld', receivedAt: new Date('2026-11-20T00:00:00Z') }),
      sampleItem({ complaintId: 'new-upheld', severity: 'medium', outcome: 'partly-upheld', receivedAt: new Date('2026-11-19T00:00:00Z') }),
      sampleItem({ complaintId: 'high', severity: 'high', outcome: 'not-upheld', receivedAt: new Date('2026-10-01T00:00:00Z') }),
    ];
    const digest = build({ items });
    expect(digest.groups[0].entries.map((e) => e.complaintId)).toEqual(['high', 'new-upheld', 'old-upheld', 'new-not']);
  });

  it('caps the list, keeping the most important items, and counts what was left out', () => {
    const digest = build(); // fixture cap is 4, five own items
    expect(digest.shown).toBe(4);
    expect(digest.omitted).toBe(1);
    const communication = digest.groups.find((g) => g.theme === 'communication');
    expect(communication).toMatchObject({ total: 3, omitted: 1 });
    expect(communication?.entries.map((e) => e.complaintId)).toEqual(['a3', 'a2']);
    // a4 (low, open, older than a5) is the one dropped
    expect(digest.groups.flatMap((g) => g.entries.map((e) => e.complaintId))).not.toContain('a4');
  });

  it('drops groups whose items were all capped away, but still counts them', () => {
    const digest = build({ cap: 1 });
    expect(digest.groups.map((g) => g.theme)).toEqual(['clinical-care']);
    expect(digest.omitted).toBe(4);
    expect(build({ cap: 0 }).groups).toEqual([]);
  });

  it('keeps shared learning separate, never carrying another body’s reference, naming it only when allowed', () => {
    const digest = build();
    expect(digest.shared.entries.map((e) => [e.complaintId, e.sourceOrganisationName])).toEqual([
      ['s1', null],
      ['s2', 'Southvale University Hospitals'],
    ]);
    for (const entry of digest.shared.entries) expect(entry).not.toHaveProperty('reference');
    expect(JSON.stringify(digest)).not.toContain('OTHER-BODY-REF-9');
    expect(digest.groups.flatMap((g) => g.entries.map((e) => e.complaintId))).not.toContain('s1');
  });

  it('caps shared learning on its own', () => {
    const digest = build({ sharedCap: 1 });
    expect(digest.shared).toMatchObject({ total: 2, omitted: 1 });
    expect(digest.shared.entries.map((e) => e.complaintId)).toEqual(['s1']);
  });

  it('counts a complaint delivered twice only once', () => {
    const input = sampleDigestInput();
    const digest = build({ items: [...input.items, input.items[0]] });
    expect(digest.totals.count).toBe(5);
  });

  it('bounds summaries at 300 characters and strips control characters', () => {
    const long = `Line one\r\nBcc: x@y ${'a'.repeat(400)}`;
    const digest = build({ items: [sampleItem({ complaintId: 'x', learningSummary: long })] });
    const summary = digest.groups[0].entries[0].learningSummary;
    expect(Array.from(summary)).toHaveLength(300);
    expect(summary).not.toMatch(/[\r\n]/);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('rejects a negative or fractional cap', () => {
    expect(() => build({ cap: -1 })).toThrow(RangeError);
    expect(() => build({ sharedCap: 1.5 })).toThrow(RangeError);
  });
});
