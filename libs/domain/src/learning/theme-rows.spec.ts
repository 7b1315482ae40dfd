import { themeRows } from './theme-rows';

describe('themeRows', () => {
  it('answers {theme, count, upheldRate, previousCount} sorted by count desc', () => {
    const rows = themeRows(
      [
        { theme: 'delay', outcome: 'upheld', count: 2 },
        { theme: 'communication', outcome: 'upheld', count: '3', sector: 'health' },
        { theme: 'communication', outcome: 'not-upheld', count: 1, sector: 'health' },
        { theme: 'communication', outcome: 'open', count: 2, sector: 'social-care' },
        { theme: 'housing', outcome: 'withdrawn', count: 1 },
      ],
      [
        { theme: 'communication', outcome: 'upheld', count: 1 },
        { theme: 'medication', outcome: 'upheld', count: 4 },
      ],
    );
    expect(rows).toEqual([
      { theme: 'communication', count: 6, upheldRate: 0.75, previousCount: 1 },
      { theme: 'delay', count: 2, upheldRate: 1, previousCount: 0 },
      { theme: 'housing', count: 1, upheldRate: null, previousCount: 0 },
      { theme: 'medication', count: 0, upheldRate: null, previousCount: 4 },
    ]);
  });

  it('is empty when there is nothing in either period', () => {
    expect(themeRows([], [])).toEqual([]);
  });
});
