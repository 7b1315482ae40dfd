/*
 * Just enough time-zone arithmetic for digest periods, built on Intl (no date library is
 * installed). Wall-clock values are plain numbers; instants are Dates.
 */

export interface CalendarDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

export interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-US with h23 gives plain numeric parts; an unknown zone throws a RangeError here.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertValidDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
}

/** The wall-clock time (to the second) that `instant` shows in `timeZone`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock & { second: number } {
  assertValidDate(instant);
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    // Some older ICU builds print midnight as 24 even with h23.
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in ms (London: 0 in winter, +3,600,000 in summer). */
export function timeZoneOffsetMs(instant: Date, timeZone: string): number {
  const wall = wallClockAt(instant, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const wholeSeconds = instant.getTime() - (((instant.getTime() % 1000) + 1000) % 1000);
  return wallAsUtc - wholeSeconds;
}

function sameWallClock(a: WallClock, b: WallClock): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/**
 * The instant a wall-clock time happens in `timeZone`. Offsets either side of the day are
 * tried because a DST change makes some wall times happen twice (the earlier is taken) or
 * never (the time is moved forward by the gap, as clocks do) — the same rules as
 * Temporal's "compatible" disambiguation.
 */
export function zonedTimeToUtc(wall: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsetBefore = timeZoneOffsetMs(new Date(asUtc - DAY_MS), timeZone);
  const offsetAfter = timeZoneOffsetMs(new Date(asUtc + DAY_MS), timeZone);
  const candidates = [asUtc - offsetBefore, asUtc - offsetAfter]
    .filter((t) => sameWallClock(wallClockAt(new Date(t), timeZone), wall))
    .sort((a, b) => a - b);
  // No candidate matches only inside a spring-forward gap; the pre-change offset lands after it.
  return new Date(candidates[0] ?? asUtc - offsetBefore);
}

/** Local midnight at the start of `date` in `timeZone`. */
export function startOfDay(date: CalendarDate, timeZone: string): Date {
  return zonedTimeToUtc({ ...date, hour: 0, minute: 0 }, timeZone);
}

/** A calendar date plus a number of days (its own name: `addDays` in @app/domain/learning works on 'YYYY-MM-DD' strings). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** ISO 8601 week-numbering year and week (the week with the year's first Thursday is week 1). */
export function isoWeek(date: CalendarDate): { weekYear: number; week: number } {
  const thursday = addCalendarDays(date, 4 - isoWeekday(date));
  const dayOfYear = (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(thursday.year, 0, 1)) / DAY_MS;
  return { weekYear: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatIsoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function calendarDateAt(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return { year, month, day };
}
