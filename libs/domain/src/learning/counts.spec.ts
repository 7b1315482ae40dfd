import { compareCounts, isDecided, toCount, upholdRate } from './counts';

describe('toCount', () => {
  it('accepts numbers and the strings node-postgres returns for bigint counts', () => {
    expect(toCount(3)).toBe(3);
    expect(toCount('42')).toBe(42);
    expect(toCount(undefined)).toBe(0);
  });

  it.each([-1, 1.5, 'abc', '', Number.NaN])('rejects %p', (value) => {
    expect(() => toCount(value as number | string)).toThrow(RangeError);
  });
});

describe('compareCounts', () => {
  it('gives delta, direction and one-decimal percentage', () => {
    expect(compareCounts(7, 3)).toEqual({ count: 7, previousCount: 3, change: 4, changePct: 133.3, direction: 'up' });
    expect(compareCounts(1, 4)).toMatchObject({ change: -3, changePct: -75, direction: 'down' });
    expect(compareCounts(2, 2)).toMatchObject({ change: 0, changePct: 0, direction: 'same' });
  });

  it('has no percentage when there was nothing before', () => {
    expect(compareCounts(5, 0).changePct).toBeNull();
  });
});

describe('uphold rate', () => {
  it('leaves open and withdrawn cases out of the denominator', () => {
    expect(isDecided('open')).toBe(false);
    expect(isDecided('withdrawn')).toBe(false);
    expect(isDecided('resolved')).toBe(true);
    expect(upholdRate({ upheld: 2, decided: 3 })).toBe(0.667);
    expect(upholdRate({ upheld: 0, decided: 0 })).toBeNull();
  });
});
