import { alertableRises, isRevealedLate, weeksToJudge } from './rising-weeks';

describe('weeks judged for rising themes', () => {
  it('judges this week, last week and every changed past week within the limit, once each, oldest first', () => {
    expect(weeksToJudge(['2026-09-07', '2026-11-23', '2026-09-09', '2027-01-04', '2025-01-06'], '2026-11-30')).toEqual([
      '2026-09-07',
      '2026-11-23',
      '2026-11-30',
    ]);
  });

  it('calls a week before last week revealed late', () => {
    expect(isRevealedLate('2026-11-23', '2026-11-30')).toBe(false);
    expect(isRevealedLate('2026-09-07', '2026-11-30')).toBe(true);
  });

  it('does not alert a late week that has no baseline to rise from', () => {
    const rises = [{ ratio: null }, { ratio: 3 }];
    expect(alertableRises(rises, true)).toEqual([{ ratio: 3 }]);
    expect(alertableRises(rises, false)).toEqual(rises);
  });
});
