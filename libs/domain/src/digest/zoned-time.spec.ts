import { addCalendarDays, isoWeek, timeZoneOffsetMs, wallClockAt, zonedTimeToUtc } from './zoned-time';

const LONDON = 'Europe/London';
const HOUR = 3_600_000;

describe('timeZoneOffsetMs', () => {
  it('is GMT in winter and BST in summer, switching at 01:00 UTC on the last Sundays of March and October', () => {
    expect(timeZoneOffsetMs(new Date('2026-01-15T12:00:00Z'), LONDON)).toBe(0);
    expect(timeZoneOffsetMs(new Date('2026-07-15T12:00:00Z'), LONDON)).toBe(HOUR);
    expect(timeZoneOffsetMs(new Date('2026-03-29T00:59:59Z'), LONDON)).toBe(0);
    expect(timeZoneOffsetMs(new Date('2026-03-29T01:00:00Z'), LONDON)).toBe(HOUR);
    expect(timeZoneOffsetMs(new Date('2026-10-25T00:59:59Z'), LONDON)).toBe(HOUR);
    expect(timeZoneOffsetMs(new Date('2026-10-25T01:00:00Z'), LONDON)).toBe(0);
  });

  it('works for other zones and rejects unknown ones', () => {
    expect(timeZoneOffsetMs(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(timeZoneOffsetMs(new Date('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(() => timeZoneOffsetMs(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('zonedTimeToUtc', () => {
  it('maps London wall times to UTC either side of the change', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 29, hour: 0, minute: 0 }, LONDON).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 30, hour: 0, minute: 0 }, LONDON).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(zonedTimeToUtc({ year: 2026, month: 10, day: 25, hour: 0, minute: 0 }, LONDON).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(zonedTimeToUtc({ year: 2026, month: 10, day: 26, hour: 0, minute: 0 }, LONDON).toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('moves a time in the spring gap forward and takes the earlier of a repeated autumn time', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, LONDON).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedTimeToUtc({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, LONDON).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles a zone whose clocks skip midnight (Santiago, 8 Sep 2019)', () => {
    const midnight = zonedTimeToUtc({ year: 2019, month: 9, day: 8, hour: 0, minute: 0 }, 'America/Santiago');
    expect(midnight.toISOString()).toBe('2019-09-08T04:00:00.000Z');
    expect(wallClockAt(midnight, 'America/Santiago')).toMatchObject({ day: 8, hour: 1, minute: 0 });
  });
});

describe('calendar helpers', () => {
  it('adds days across month and year ends', () => {
    expect(addCalendarDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addCalendarDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('numbers ISO weeks, including weeks that belong to the neighbouring year', () => {
    expect(isoWeek({ year: 2026, month: 11, day: 16 })).toEqual({ weekYear: 2026, week: 47 });
    expect(isoWeek({ year: 2025, month: 12, day: 29 })).toEqual({ weekYear: 2026, week: 1 });
    expect(isoWeek({ year: 2027, month: 1, day: 1 })).toEqual({ weekYear: 2026, week: 53 });
    expect(isoWeek({ year: 2021, month: 1, day: 3 })).toEqual({ weekYear: 2020, week: 53 });
  });
});
