import { digestPeriod, nextRunAt } from './period';

const iso = (d: Date): string => d.toISOString();
const HOUR = 3_600_000;

describe('digestPeriod daily', () => {
  it('is yesterday, local midnight to local midnight, keyed by yesterday', () => {
    const p = digestPeriod('daily', new Date('2026-11-25T07:00:00Z'));
    expect([iso(p.start), iso(p.end), iso(p.previousStart), p.key]).toEqual([
      '2026-11-24T00:00:00.000Z',
      '2026-11-25T00:00:00.000Z',
      '2026-11-23T00:00:00.000Z',
      'daily:2026-11-24',
    ]);
    expect(p).toMatchObject({ frequency: 'daily', timeZone: 'Europe/London' });
  });

  it('uses the London date, not the UTC date, just after midnight in summer', () => {
    // 00:30 BST on 11 June is still 10 June in UTC; yesterday in London is 10 June.
    const p = digestPeriod('daily', new Date('2026-06-10T23:30:00Z'));
    expect([iso(p.start), iso(p.end), p.key]).toEqual(['2026-06-09T23:00:00.000Z', '2026-06-10T23:00:00.000Z', 'daily:2026-06-10']);
  });

  it('makes the spring-forward Sunday 23 hours and the autumn one 25 hours', () => {
    const spring = digestPeriod('daily', new Date('2026-03-30T06:00:00Z'));
    expect([iso(spring.start), iso(spring.end), spring.key]).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z', 'daily:2026-03-29']);
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * HOUR);

    const autumn = digestPeriod('daily', new Date('2026-10-26T06:00:00Z'));
    expect([iso(autumn.start), iso(autumn.end), autumn.key]).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z', 'daily:2026-10-25']);
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * HOUR);
    expect(iso(autumn.previousStart)).toBe('2026-10-23T23:00:00.000Z');
  });

  it('treats asOf exactly at local midnight as the end of the period just finished', () => {
    const p = digestPeriod('daily', new Date('2026-07-01T23:00:00Z'));
    expect(p.key).toBe('daily:2026-07-01');
    expect(iso(p.end)).toBe('2026-07-01T23:00:00.000Z');
  });

  it('is the same period for any asOf during the same local day (idempotent runs)', () => {
    const keys = ['2026-11-25T00:00:00Z', '2026-11-25T12:00:00Z', '2026-11-25T23:59:59Z'].map((s) => digestPeriod('daily', new Date(s)).key);
    expect(new Set(keys)).toEqual(new Set(['daily:2026-11-24']));
  });
});

describe('digestPeriod weekly', () => {
  it('is last Monday to this Monday, keyed by ISO week', () => {
    const p = digestPeriod('weekly', new Date('2026-11-25T07:00:00Z'));
    expect([iso(p.start), iso(p.end), iso(p.previousStart), p.key]).toEqual([
      '2026-11-16T00:00:00.000Z',
      '2026-11-23T00:00:00.000Z',
      '2026-11-09T00:00:00.000Z',
      'weekly:2026-W47',
    ]);
  });

  it('on a Monday, covers the week that just ended', () => {
    expect(digestPeriod('weekly', new Date('2026-11-23T06:00:00Z')).key).toBe('weekly:2026-W47');
    // Sunday evening still belongs to the week before.
    expect(digestPeriod('weekly', new Date('2026-11-22T23:59:00Z')).key).toBe('weekly:2026-W46');
  });

  it('spans the March change: 7 days less an hour, BST end', () => {
    const p = digestPeriod('weekly', new Date('2026-03-31T09:00:00Z'));
    expect([iso(p.start), iso(p.end), p.key]).toEqual(['2026-03-23T00:00:00.000Z', '2026-03-29T23:00:00.000Z', 'weekly:2026-W13']);
    expect(p.end.getTime() - p.start.getTime()).toBe(7 * 24 * HOUR - HOUR);
  });

  it('spans the October change: 7 days and an hour, BST start', () => {
    const p = digestPeriod('weekly', new Date('2026-10-27T09:00:00Z'));
    expect([iso(p.start), iso(p.end), iso(p.previousStart)]).toEqual([
      '2026-10-18T23:00:00.000Z',
      '2026-10-26T00:00:00.000Z',
      '2026-10-11T23:00:00.000Z',
    ]);
    expect(p.end.getTime() - p.start.getTime()).toBe(7 * 24 * HOUR + HOUR);
  });

  it('keys the week across a year end by ISO week-year', () => {
    expect(digestPeriod('weekly', new Date('2026-01-06T09:00:00Z')).key).toBe('weekly:2026-W01');
    expect(digestPeriod('weekly', new Date('2027-01-05T09:00:00Z')).key).toBe('weekly:2026-W53');
  });

  it('follows another time zone when asked', () => {
    const p = digestPeriod('weekly', new Date('2026-11-23T03:00:00Z'), 'America/New_York');
    // Still Sunday 22 Nov in New York: the complete week is 9–16 Nov.
    expect([iso(p.start), iso(p.end), p.key]).toEqual(['2026-11-09T05:00:00.000Z', '2026-11-16T05:00:00.000Z', 'weekly:2026-W46']);
  });
});

describe('nextRunAt', () => {
  it('daily: later today if the time has not passed, else tomorrow, in local time', () => {
    expect(iso(nextRunAt('daily', new Date('2026-06-10T05:00:00Z'), { hour: 7 }))).toBe('2026-06-10T06:00:00.000Z');
    expect(iso(nextRunAt('daily', new Date('2026-06-10T06:00:00Z'), { hour: 7 }))).toBe('2026-06-11T06:00:00.000Z');
    expect(iso(nextRunAt('daily', new Date('2026-12-10T06:00:00Z'), { hour: 7, minute: 30 }))).toBe('2026-12-10T07:30:00.000Z');
  });

  it('weekly: the next matching weekday, crossing the October change', () => {
    // Tue 20 Oct (BST) → Mon 26 Oct 07:00 GMT
    expect(iso(nextRunAt('weekly', new Date('2026-10-20T12:00:00Z'), { hour: 7, weekday: 1 }))).toBe('2026-10-26T07:00:00.000Z');
    // Exactly at the run time → a week later
    expect(iso(nextRunAt('weekly', new Date('2026-10-26T07:00:00Z'), { hour: 7 }))).toBe('2026-11-02T07:00:00.000Z');
    expect(iso(nextRunAt('weekly', new Date('2026-10-26T07:00:00Z'), { hour: 18, weekday: 5 }))).toBe('2026-10-30T18:00:00.000Z');
  });

  it('moves a run inside the spring gap to just after it', () => {
    expect(iso(nextRunAt('daily', new Date('2026-03-28T12:00:00Z'), { hour: 1, minute: 30 }))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('rejects impossible schedules', () => {
    expect(() => nextRunAt('daily', new Date(), { hour: 24 })).toThrow(RangeError);
    expect(() => nextRunAt('weekly', new Date(), { hour: 7, weekday: 0 })).toThrow(RangeError);
  });
});
