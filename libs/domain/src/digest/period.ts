import {
  addCalendarDays,
  calendarDateAt,
  formatIsoDate,
  isoWeek,
  isoWeekday,
  startOfDay,
  zonedTimeToUtc,
  type CalendarDate,
} from './zoned-time';

export type DigestPeriodFrequency = 'daily' | 'weekly';

export const DEFAULT_TIME_ZONE = 'Europe/London';

export interface DigestPeriod {
  frequency: DigestPeriodFrequency;
  /** Local midnight the period starts, inclusive. */
  start: Date;
  /** Local midnight the period ends, exclusive; never after asOf. */
  end: Date;
  /** Start of the period before, which ends at `start` (for "vs last week" figures). */
  previousStart: Date;
  /** Stable identity of the period, e.g. `daily:2026-11-24` or `weekly:2026-W47`; use it in idempotency keys. */
  key: string;
  timeZone: string;
}

/** Local midnight of the Monday on or before `date`. */
function mondayOnOrBefore(date: CalendarDate): CalendarDate {
  return addCalendarDays(date, 1 - isoWeekday(date));
}

function periodKey(frequency: DigestPeriodFrequency, start: CalendarDate): string {
  if (frequency === 'daily') return `daily:${formatIsoDate(start)}`;
  const { weekYear, week } = isoWeek(start);
  return `weekly:${weekYear}-W${String(week).padStart(2, '0')}`;
}

/**
 * The last complete period before `asOf` in `timeZone`: yesterday (daily) or last Monday to
 * this Monday (weekly), local midnight to local midnight. Boundaries are computed as wall
 * times, so a day with a clock change is 23 or 25 hours long, as people experience it.
 */
export function digestPeriod(frequency: DigestPeriodFrequency, asOf: Date, timeZone: string = DEFAULT_TIME_ZONE): DigestPeriod {
  const today = calendarDateAt(asOf, timeZone);
  const endDate = frequency === 'daily' ? today : mondayOnOrBefore(today);
  const length = frequency === 'daily' ? 1 : 7;
  const startDate = addCalendarDays(endDate, -length);
  return {
    frequency,
    start: startOfDay(startDate, timeZone),
    end: startOfDay(endDate, timeZone),
    previousStart: startOfDay(addCalendarDays(startDate, -length), timeZone),
    key: periodKey(frequency, startDate),
    timeZone,
  };
}

/** The local calendar dates a period covers: first day and last day (inclusive). */
export function periodDates(period: Pick<DigestPeriod, 'start' | 'end' | 'timeZone'>): { first: CalendarDate; last: CalendarDate } {
  return {
    first: calendarDateAt(period.start, period.timeZone),
    last: addCalendarDays(calendarDateAt(period.end, period.timeZone), -1),
  };
}

export interface DigestSchedule {
  hour: number;
  minute?: number;
  /** ISO weekday for weekly runs: 1 = Monday … 7 = Sunday (default Monday). */
  weekday?: number;
}

function validateSchedule({ hour, minute = 0, weekday = 1 }: DigestSchedule): void {
  const ok = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;
  if (!ok(hour, 0, 23) || !ok(minute, 0, 59) || !ok(weekday, 1, 7)) {
    throw new RangeError(`Invalid schedule ${JSON.stringify({ hour, minute, weekday })}`);
  }
}

/**
 * The first scheduled run strictly after `after`, e.g. daily at 07:00 or Mondays at 07:00
 * London time. A run time that falls in a spring-forward gap moves to just after it.
 */
export function nextRunAt(
  frequency: DigestPeriodFrequency,
  after: Date,
  schedule: DigestSchedule,
  timeZone: string = DEFAULT_TIME_ZONE,
): Date {
  validateSchedule(schedule);
  const { hour, minute = 0, weekday = 1 } = schedule;
  const today = calendarDateAt(after, timeZone);
  // Eight days always contains the next matching weekday after today's run has passed.
  for (let offset = 0; offset <= 8; offset += 1) {
    const date = addCalendarDays(today, offset);
    if (frequency === 'weekly' && isoWeekday(date) !== weekday) continue;
    const run = zonedTimeToUtc({ ...date, hour, minute }, timeZone);
    if (run.getTime() > after.getTime()) return run;
  }
  throw new Error('unreachable: no run within eight days');
}
