/*
 * The learning calendar: days of the rollup are calendar days of receipt in London, written
 * 'YYYY-MM-DD', and weeks are ISO weeks named by their Monday. Pure string arithmetic on
 * days, so no caller needs to think about time zones once it has a day.
 */

/** The rollup's time zone; changing it needs a full rebuild of the rollup. */
export const LEARNING_TIME_ZONE = 'Europe/London';

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: LEARNING_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The London calendar day of an instant, 'YYYY-MM-DD' (the rollup's day). */
export function learningDay(instant: Date): string {
  return DAY_FORMAT.format(instant);
}

/** 'YYYY-MM-DD' plus a number of days (negative goes back). Throws RangeError when `day` is not a real calendar day. */
export function addDays(day: string, days: number): string {
  return new Date(dayMs(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before a 'YYYY-MM-DD' day (its ISO week). */
export function weekStartOf(day: string): string {
  const weekday = (new Date(dayMs(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** UTC midnight of a 'YYYY-MM-DD' day, in ms; 2026-02-31 is refused rather than rolled over to March. */
function dayMs(day: string): number {
  const match = DAY_PATTERN.exec(day);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`not a day 'YYYY-MM-DD': ${JSON.stringify(day)}`);
  return ms;
}
