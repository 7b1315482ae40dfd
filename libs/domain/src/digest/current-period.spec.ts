import { currentDigestPeriod } from './current-period';

describe('currentDigestPeriod', () => {
  it('is today from local midnight for a daily digest', () => {
    const period = currentDigestPeriod('daily', new Date('2026-12-04T17:30:00Z'), 'Europe/London');
    expect(period.start.toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(period.previousStart.toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(period.key).toBe('daily:2026-12-04');
  });

  it('is this week from Monday for a weekly digest, in the local zone', () => {
    // Friday 4 December 2026; Monday was 30 November.
    const period = currentDigestPeriod('weekly', new Date('2026-12-04T09:00:00Z'), 'Europe/London');
    expect(period.start.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(period.previousStart.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(period.key).toBe('weekly:2026-W49');
  });

  it('starts the day at local midnight in summer time, and on a Monday includes that Monday', () => {
    const period = currentDigestPeriod('weekly', new Date('2026-06-01T00:30:00Z'), 'Europe/London');
    // 01:30 BST on Monday 1 June: the week began at 00:00 BST, 23:00 UTC the day before.
    expect(period.start.toISOString()).toBe('2026-05-31T23:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-06-07T23:00:00.000Z');
  });
});
