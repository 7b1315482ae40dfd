import type { Direction } from '../../learning/counts';
import { periodDates, type DigestPeriod } from '../period';
import { calendarDateAt, isoWeekday, wallClockAt, type CalendarDate } from '../zoned-time';

/*
 * Formatting is hand-rolled rather than Intl so output is byte-for-byte the same on every
 * Node/ICU build: rendered emails are compared in tests and retried sends must match.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatPercent(rate: number | null): string {
  return rate === null ? 'n/a' : `${Math.round(rate * 100)}%`;
}

export function formatSignedPct(pct: number | null): string {
  if (pct === null) return 'new';
  return `${pct > 0 ? '+' : ''}${Math.round(pct)}%`;
}

/** "24 November 2026" */
export function formatCalendarDate(date: CalendarDate, withYear = true): string {
  return `${date.day} ${MONTHS[date.month - 1]}${withYear ? ` ${date.year}` : ''}`;
}

/** "24 Nov 2026" in the given zone. */
export function formatShortDate(instant: Date, timeZone: string): string {
  const d = calendarDateAt(instant, timeZone);
  return `${d.day} ${MONTHS[d.month - 1].slice(0, 3)} ${d.year}`;
}

/** "07:58" in the given zone. */
export function formatClockTime(instant: Date, timeZone: string): string {
  const wall = wallClockAt(instant, timeZone);
  return `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}

/**
 * "Figures as of 7 Dec 2026 07:58": the one wording every period-based figure uses for when
 * its data was read, so a digest and a report from the same moment say the same thing.
 */
export function figuresAsOf(instant: Date, timeZone: string): string {
  return `Figures as of ${formatShortDate(instant, timeZone)} ${formatClockTime(instant, timeZone)}`;
}

/** "16–22 November 2026", "30 November – 6 December 2026", "29 December 2025 – 4 January 2026". */
export function formatDateRange(first: CalendarDate, last: CalendarDate): string {
  if (first.year !== last.year) return `${formatCalendarDate(first)} – ${formatCalendarDate(last)}`;
  if (first.month !== last.month) return `${formatCalendarDate(first, false)} – ${formatCalendarDate(last)}`;
  if (first.day === last.day) return formatCalendarDate(first);
  return `${first.day}–${formatCalendarDate(last)}`;
}

/** "Tuesday 24 November 2026" for a day, "16–22 November 2026" for a week. */
export function periodLabel(period: Pick<DigestPeriod, 'start' | 'end' | 'timeZone' | 'frequency'>): string {
  const { first, last } = periodDates(period);
  if (period.frequency === 'daily') return `${WEEKDAYS[isoWeekday(first) - 1]} ${formatCalendarDate(first)}`;
  return formatDateRange(first, last);
}

export function periodNoun(frequency: DigestPeriod['frequency']): 'day' | 'week' {
  return frequency === 'daily' ? 'day' : 'week';
}

const ARROWS: Record<Direction, string> = { up: '↑', down: '↓', same: '' };

export interface TrendView {
  /** "↑", "↓" or "" (hidden from screen readers in HTML: the words carry the meaning). */
  arrow: string;
  /** "3 more", "2 fewer", "no change" */
  words: string;
  /** "↑ 3 more", "↓ 2 fewer", "no change": for the text part. */
  label: string;
}

export function trendView(direction: Direction, delta: number): TrendView {
  const size = formatCount(Math.abs(delta));
  const words = direction === 'same' ? 'no change' : `${size} ${direction === 'up' ? 'more' : 'fewer'}`;
  const arrow = ARROWS[direction];
  return { arrow, words, label: arrow ? `${arrow} ${words}` : words };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
