import type { ComplaintCountRow, ThemeCountRow } from './aggregate-rows';
import { buildOmbudsmanSummary, type OmbudsmanSummaryInput } from './ombudsman-summary';

const from = new Date('2026-11-16T00:00:00Z');
const to = new Date('2026-11-23T00:00:00Z');

const row = (overrides: Partial<ComplaintCountRow>): ComplaintCountRow => ({
  sector: 'health',
  organisationId: 'o1',
  organisationName: 'Northshire Trust',
  outcome: 'upheld',
  severity: 'medium',
  count: 1,
  ...overrides,
});

const theme = (t: ThemeCountRow['theme'], outcome: ThemeCountRow['outcome'], count: number | string): ThemeCountRow => ({
  theme: t,
  outcome,
  count,
});

function input(): OmbudsmanSummaryInput {
  return {
    from,
    to,
    current: {
      complaints: [
        row({ outcome: 'upheld', severity: 'serious', count: '2' }),
        row({ outcome: 'not-upheld', severity: 'low', count: 4 }),
        row({ outcome: 'open', severity: 'high', count: 3 }),
        row({ organisationId: 'o2', organisationName: 'Westmoor Practice', outcome: 'partly-upheld', count: 1 }),
        row({ sector: 'local-government', organisationId: 'o3', organisationName: 'Eastborough Council', outcome: 'resolved', count: 6 }),
      ],
      themes: [
        theme('communication', 'upheld', 2),
        theme('communication', 'not-upheld', 4),
        theme('communication', 'open', 3),
        theme('housing', 'resolved', 6),
        theme('delay', 'upheld', 1),
        theme('safeguarding', 'upheld', 5),
        theme('safeguarding', 'not-upheld', 1),
      ],
      remedies: [
        { remedy: 'apology', count: 3 },
        { remedy: 'staff-training', count: 5 },
        { remedy: 'financial', count: 0 },
        { remedy: 'apology', count: 1, sector: 'local-government' },
      ],
    },
    previous: {
      complaints: [
        row({ count: 5 }),
        row({ organisationId: 'o4', organisationName: 'Closed Clinic', count: 2 }),
        row({ sector: 'local-government', organisationId: 'o3', organisationName: 'Eastborough Council', count: 8 }),
      ],
      themes: [theme('communication', 'upheld', 4), theme('housing', 'upheld', 8), theme('delay', 'upheld', 2), theme('safeguarding', 'upheld', 1)],
    },
  };
}

describe('buildOmbudsmanSummary', () => {
  const summary = buildOmbudsmanSummary(input());

  it('counts each complaint once in totals, whatever its themes', () => {
    expect(summary.totals).toMatchObject({ count: 16, previousCount: 15, change: 1, direction: 'up' });
    // decided = 16 − 3 open; upheld = 2 upheld + 1 partly
    expect(summary.totals).toMatchObject({ upheld: 3, decided: 13, upheldRate: 0.231 });
    expect(summary.seriousCount).toBe(2);
  });

  it('summarises sectors with previous counts, uphold rate and serious cases, largest first', () => {
    expect(summary.bySector.map((s) => [s.sector, s.count, s.previousCount, s.upheldRate, s.seriousCount, s.organisationCount])).toEqual([
      ['health', 10, 7, 0.429, 2, 2],
      ['local-government', 6, 8, 0, 0, 1],
    ]);
    expect(summary.upheldRateBySector).toEqual([
      { sector: 'health', upheld: 3, decided: 7, upheldRate: 0.429 },
      { sector: 'local-government', upheld: 0, decided: 6, upheldRate: 0 },
    ]);
  });

  it('lists organisations, including one with complaints only last period', () => {
    expect(summary.byOrganisation.map((o) => [o.organisationName, o.count, o.previousCount, o.direction])).toEqual([
      ['Northshire Trust', 9, 5, 'up'],
      ['Eastborough Council', 6, 8, 'down'],
      ['Westmoor Practice', 1, 0, 'up'],
      ['Closed Clinic', 0, 2, 'down'],
    ]);
  });

  it('gives theme counts with change and percentage, biggest first', () => {
    expect(summary.themes).toEqual([
      { theme: 'communication', count: 9, previousCount: 4, change: 5, changePct: 125, direction: 'up' },
      { theme: 'housing', count: 6, previousCount: 8, change: -2, changePct: -25, direction: 'down' },
      { theme: 'safeguarding', count: 6, previousCount: 1, change: 5, changePct: 500, direction: 'up' },
      { theme: 'delay', count: 1, previousCount: 2, change: -1, changePct: -50, direction: 'down' },
    ]);
    expect(summary.upheldRateByTheme.find((r) => r.theme === 'communication')).toEqual({
      theme: 'communication',
      upheld: 2,
      decided: 6,
      upheldRate: 0.333,
    });
  });

  it('ranks rising themes by change, then percentage, and needs the minimum count', () => {
    // communication and safeguarding both +5: the bigger relative jump wins the tie.
    expect(summary.topRisingThemes.map((t) => t.theme)).toEqual(['safeguarding', 'communication']);
    const strict = buildOmbudsmanSummary({ ...input(), risingMinCount: 7 });
    expect(strict.topRisingThemes.map((t) => t.theme)).toEqual(['communication']);
    expect(buildOmbudsmanSummary({ ...input(), risingLimit: 1 }).topRisingThemes).toHaveLength(1);
  });

  it('sums remedies across rows and drops zeros', () => {
    expect(summary.commonRemedies).toEqual([
      { remedy: 'staff-training', count: 5 },
      { remedy: 'apology', count: 4 },
    ]);
  });

  it('copes with an empty period', () => {
    const empty = buildOmbudsmanSummary({ from, to, current: { complaints: [], themes: [] }, previous: { complaints: [], themes: [] } });
    expect(empty.totals).toMatchObject({ count: 0, upheldRate: null, changePct: null });
    expect(empty.bySector).toEqual([]);
    expect(empty.commonRemedies).toEqual([]);
  });

  it('rejects a reversed period and bad counts', () => {
    expect(() => buildOmbudsmanSummary({ ...input(), from: to, to: from })).toThrow(RangeError);
    const bad = input();
    bad.current.complaints.push(row({ count: -1 }));
    expect(() => buildOmbudsmanSummary(bad)).toThrow(RangeError);
  });
});
