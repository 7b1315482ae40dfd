/*
 * Dashboard periods are whole calendar days of receipt in the learning time zone (the
 * rollup's days: London), `from` inclusive and `to` exclusive, as 'YYYY-MM-DD'. Presets end
 * with the day of `asOf`, so today's partial figures are in; the previous period is the same
 * number of days just before. 4 weeks, 13 weeks and 52 weeks keep the same mix of weekdays
 * in both periods, so a Monday-heavy intake does not look like a change.
 */

import { addDays, weekStartOf } from '../learning/learning-calendar';

export const PERIOD_PRESETS = ['last-4-weeks', 'quarter', 'year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const PRESET_DAYS: Record<Exclude<PeriodPreset, 'custom'>, number> = { 'last-4-weeks': 28, quarter: 91, year: 364 };

/** Longest custom range: three years of days keeps every query a bounded rollup read. */
export const MAX_PERIOD_DAYS = 1096;

export interface DayRange {
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  /** 'YYYY-MM-DD', exclusive. */
  to: string;
}

export interface DashboardPeriod extends DayRange {
  preset: PeriodPreset;
  days: number;
  previous: DayRange;
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number since the epoch of a 'YYYY-MM-DD' day; NaN when it is not a real calendar day. */
export function dayNumber(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) return Number.NaN;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const check = new Date(ms);
  // 2026-02-31 rolls over to March in Date.UTC; that is not a day anyone meant.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return Number.NaN;
  return ms / DAY_MS;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

function withPrevious(preset: PeriodPreset, from: string, to: string): DashboardPeriod {
  const days = daysBetween(from, to);
  return { preset, from, to, days, previous: { from: addDays(from, -days), to: from } };
}

/**
 * A preset ending with `today` (the asOf day in the learning time zone), or a custom range
 * `fromDay`..`toDay`, both inclusive as people type them. Throws RangeError on nonsense;
 * `validateDashboardFilters` turns input into field errors before this is called.
 */
export function resolvePeriod(preset: PeriodPreset, today: string, custom?: { fromDay: string; toDay: string }): DashboardPeriod {
  if (Number.isNaN(dayNumber(today))) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  if (preset === 'custom') {
    if (!custom) throw new RangeError('a custom period needs fromDay and toDay');
    const to = addDays(custom.toDay, 1);
    if (!(daysBetween(custom.fromDay, to) >= 1)) throw new RangeError('fromDay must not be after toDay');
    return withPrevious('custom', custom.fromDay, to);
  }
  const to = addDays(today, 1);
  return withPrevious(preset, addDays(to, -PRESET_DAYS[preset]), to);
}

export interface WeekBucket {
  /** Monday 'YYYY-MM-DD'. */
  weekStart: string;
  /** Days of this week inside the period (7 unless the period cuts the week). */
  daysInPeriod: number;
}

/** The ISO weeks a period touches, oldest first, with how many of their days it covers. */
export function weeksOf(range: DayRange): WeekBucket[] {
  const weeks: WeekBucket[] = [];
  const end = dayNumber(range.to);
  for (let monday = dayNumber(weekStartOf(range.from)); monday < end; monday += 7) {
    const first = Math.max(monday, dayNumber(range.from));
    const last = Math.min(monday + 7, end);
    weeks.push({ weekStart: isoDay(monday), daysInPeriod: last - first });
  }
  return weeks;
}
