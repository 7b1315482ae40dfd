import { expectedShareArrived, lagCdf, lagStats, weekCompleteness } from './arrival-lag';

describe('lagStats', () => {
  it('gives nearest-rank median and 90th percentile, and counts arrivals over 90 days late', () => {
    // 10 complaints: lags 1,2,3,4,5 (one each), 100 ×3, 150, 200
    const rows = [1, 2, 3, 4, 5].map((lagDays) => ({ lagDays, count: 1 })).concat([{ lagDays: 100, count: 3 }, { lagDays: 150, count: 1 }, { lagDays: 200, count: '1' as unknown as number }]);
    expect(lagStats(rows)).toEqual({ count: 10, medianDays: 5, p90Days: 150, over90Days: 5 });
  });

  it('treats exactly 90 days as not over 90, clamps negative lags and copes with nothing', () => {
    expect(lagStats([{ lagDays: 90, count: 2 }, { lagDays: -3, count: 1 }])).toEqual({ count: 3, medianDays: 90, p90Days: 90, over90Days: 0 });
    expect(lagStats([])).toEqual({ count: 0, medianDays: null, p90Days: null, over90Days: 0 });
  });
});

describe('completeness by week of receipt', () => {
  // Half of complaints arrive within 10 days, all within 100.
  const cdf = lagCdf([{ lagDays: 10, count: 5 }, { lagDays: 100, count: 5 }]);

  it('reads the observed lag distribution', () => {
    expect([cdf(-1), cdf(9), cdf(10), cdf(99), cdf(100)]).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(lagCdf([])(0)).toBe(1);
  });

  it('marks a recent week incomplete and an old one complete', () => {
    // Week of 2 Nov 2026 judged on 30 Nov: every day is 22–28 days old → 0.5 each.
    expect(weekCompleteness(cdf, '2026-11-02', '2026-11-30')).toEqual({ weekStart: '2026-11-02', expectedShareArrived: 0.5, incomplete: true });
    expect(weekCompleteness(cdf, '2026-06-01', '2026-11-30')).toEqual({ weekStart: '2026-06-01', expectedShareArrived: 1, incomplete: false });
  });

  it('counts days not yet reached as nothing arrived', () => {
    // This week, Wednesday: Mon, Tue, Wed are 2, 1, 0 days old (cdf 0); the rest in the future.
    expect(expectedShareArrived(lagCdf([{ lagDays: 0, count: 1 }]), '2026-11-30', '2026-12-07', '2026-12-02')).toBe(0.429);
  });
});
