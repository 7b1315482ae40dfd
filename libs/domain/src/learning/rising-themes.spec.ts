import { detectRisingThemes, type WeeklyThemeCount } from './rising-themes';

const week = (weekStart: string, count: number | string, theme: WeeklyThemeCount['theme'] = 'safeguarding'): WeeklyThemeCount => ({
  sector: 'health',
  theme,
  weekStart,
  count,
});

const CURRENT = '2026-11-16';
const BASELINE = ['2026-11-09', '2026-11-02', '2026-10-26', '2026-10-19'];

describe('detectRisingThemes', () => {
  it('flags a theme above factor × the mean of the previous four weeks', () => {
    // mean = (2+3+2+1)/4 = 2; 5 > 4 and ≥ 5
    const rows = [week(CURRENT, 5), ...BASELINE.map((w, i) => week(w, [2, 3, 2, 1][i]))];
    expect(detectRisingThemes(rows, CURRENT)).toEqual([
      { sector: 'health', theme: 'safeguarding', weekStart: CURRENT, count: 5, baselineMean: 2, ratio: 2.5 },
    ]);
  });

  it('does not flag exactly factor × the mean (the rule is strictly greater)', () => {
    const rows = [week(CURRENT, 8), ...BASELINE.map((w) => week(w, 4))];
    expect(detectRisingThemes(rows, CURRENT)).toEqual([]);
    expect(detectRisingThemes([...rows.slice(0, 1).map(() => week(CURRENT, 9)), ...rows.slice(1)], CURRENT)).toHaveLength(1);
  });

  it('needs at least minCount this week', () => {
    const rows = [week(CURRENT, 4), week(BASELINE[0], 1)];
    expect(detectRisingThemes(rows, CURRENT)).toEqual([]);
    expect(detectRisingThemes(rows, CURRENT, { minCount: 4 })).toHaveLength(1);
  });

  it('treats a zero baseline with count ≥ minCount as rising, ratio null', () => {
    expect(detectRisingThemes([week(CURRENT, 5)], CURRENT)).toEqual([
      { sector: 'health', theme: 'safeguarding', weekStart: CURRENT, count: 5, baselineMean: 0, ratio: null },
    ]);
  });

  it('counts weeks missing from the GROUP BY as zero in the mean', () => {
    // Only one baseline week present: mean = 8 / 4 = 2, so 5 is rising; a mean over present weeks (8) would not be.
    expect(detectRisingThemes([week(CURRENT, 5), week(BASELINE[2], 8)], CURRENT)).toHaveLength(1);
  });

  it('ignores weeks older than the baseline, future weeks and misaligned dates', () => {
    const rows = [week(CURRENT, 6), week('2026-10-12', 100), week('2026-11-23', 100), week('2026-11-10', 100)];
    expect(detectRisingThemes(rows, CURRENT)[0]).toMatchObject({ count: 6, baselineMean: 0 });
  });

  it('sums duplicate rows for the same week (finer GROUP BY) and accepts string counts', () => {
    const rows = [week(CURRENT, '3'), week(CURRENT, 3), week(BASELINE[0], '4')];
    expect(detectRisingThemes(rows, CURRENT)[0]).toMatchObject({ count: 6, baselineMean: 1, ratio: 6 });
  });

  it('keeps sectors and themes apart and sorts by the jump over baseline', () => {
    const rows = [
      week(CURRENT, 6, 'delay'),
      week(CURRENT, 20, 'housing'),
      { ...week(CURRENT, 2, 'delay'), sector: 'local-government' as const },
      week(BASELINE[0], 20, 'housing'),
    ];
    expect(detectRisingThemes(rows, CURRENT).map((r) => [r.sector, r.theme])).toEqual([
      ['health', 'housing'],
      ['health', 'delay'],
    ]);
  });

  it('accepts Dates at London midnight in summer, as node-postgres returns date columns', () => {
    const rows = [
      { ...week(CURRENT, 5), weekStart: new Date('2026-06-14T23:00:00Z') },
      { ...week(CURRENT, 5), weekStart: new Date('2026-06-08T00:00:00Z') },
    ];
    const rising = detectRisingThemes(rows, new Date('2026-06-15T00:00:00Z'), { factor: 2 });
    expect(rising).toEqual([{ sector: 'health', theme: 'safeguarding', weekStart: '2026-06-15', count: 5, baselineMean: 1.25, ratio: 4 }]);
  });

  it('honours factor and baselineWeeks options', () => {
    const rows = [week(CURRENT, 6), week(BASELINE[0], 4)];
    expect(detectRisingThemes(rows, CURRENT, { baselineWeeks: 1 })).toEqual([]);
    expect(detectRisingThemes(rows, CURRENT, { baselineWeeks: 1, factor: 1.2 })).toHaveLength(1);
  });

  it('rejects nonsense options and week strings', () => {
    expect(() => detectRisingThemes([], CURRENT, { factor: 0 })).toThrow(RangeError);
    expect(() => detectRisingThemes([], CURRENT, { baselineWeeks: 0 })).toThrow(RangeError);
    expect(() => detectRisingThemes([], 'last week')).toThrow(RangeError);
  });
});
