import type { Sector, ThemeId } from '../model/taxonomy';
import { roundTo, toCount, type CountLike } from './counts';

/** `SELECT o.sector, t.theme, date_trunc('week', …)::date AS "weekStart", count(*) … GROUP BY 1, 2, 3` */
export interface WeeklyThemeCount {
  sector: Sector;
  theme: ThemeId;
  /** The Monday the week starts: 'YYYY-MM-DD', or a Date at (local or UTC) midnight of that day. */
  weekStart: string | Date;
  count: CountLike;
}

export interface RisingThemeOptions {
  /** This week must exceed factor × the baseline mean (default 2). */
  factor?: number;
  /** …and have at least this many complaints (default 5). */
  minCount?: number;
  /** How many weeks before this one make the baseline (default 4). */
  baselineWeeks?: number;
}

export interface RisingTheme {
  sector: Sector;
  theme: ThemeId;
  /** 'YYYY-MM-DD' of the week being judged. */
  weekStart: string;
  count: number;
  /** Mean weekly count over the baseline weeks, missing weeks counted as zero; two decimals. */
  baselineMean: number;
  /** count ÷ baselineMean, one decimal; null when the baseline is zero. */
  ratio: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Day number of a week start. Dates are rounded to the nearest day because node-postgres
 * turns a `date` column into local midnight, which is 23:00 UTC the day before in summer.
 */
function dayNumber(value: string | Date): number {
  if (value instanceof Date) return Math.round(value.getTime() / DAY_MS);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) throw new RangeError(`weekStart must be YYYY-MM-DD or a Date, got ${JSON.stringify(value)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function validate(options: Required<RisingThemeOptions>): void {
  const { factor, minCount, baselineWeeks } = options;
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`factor must be > 0, got ${factor}`);
  if (!Number.isSafeInteger(minCount) || minCount < 1) throw new RangeError(`minCount must be a whole number ≥ 1, got ${minCount}`);
  if (!Number.isSafeInteger(baselineWeeks) || baselineWeeks < 1) {
    throw new RangeError(`baselineWeeks must be a whole number ≥ 1, got ${baselineWeeks}`);
  }
}

/** Sums counts per (sector, theme) per week offset (0 = this week, 1 = last week …), dropping weeks outside the window. */
function weeklySeries(rows: WeeklyThemeCount[], currentDay: number, baselineWeeks: number): Map<string, number[]> {
  const series = new Map<string, number[]>();
  for (const row of rows) {
    const daysBack = currentDay - dayNumber(row.weekStart);
    // Misaligned or future weeks are not part of the comparison.
    if (daysBack < 0 || daysBack % 7 !== 0 || daysBack / 7 > baselineWeeks) continue;
    const key = JSON.stringify([row.sector, row.theme]);
    const weeks = series.get(key) ?? new Array<number>(baselineWeeks + 1).fill(0);
    weeks[daysBack / 7] += toCount(row.count);
    series.set(key, weeks);
  }
  return series;
}

/**
 * Themes spiking this week in a sector: count > factor × mean of the previous
 * `baselineWeeks` weeks (weeks with no rows count as zero, since GROUP BY omits them) and
 * count ≥ minCount. A theme with no baseline at all and count ≥ minCount is rising.
 * Sorted by the size of the jump over the baseline, largest first.
 */
export function detectRisingThemes(
  weeklyCounts: WeeklyThemeCount[],
  currentWeekStart: string | Date,
  options: RisingThemeOptions = {},
): RisingTheme[] {
  const settings = { factor: 2, minCount: 5, baselineWeeks: 4, ...options };
  validate(settings);
  const currentDay = dayNumber(currentWeekStart);
  const rising: RisingTheme[] = [];
  for (const [key, weeks] of weeklySeries(weeklyCounts, currentDay, settings.baselineWeeks)) {
    const [sector, theme] = JSON.parse(key) as [Sector, ThemeId];
    const count = weeks[0];
    const mean = weeks.slice(1).reduce((sum, n) => sum + n, 0) / settings.baselineWeeks;
    if (count < settings.minCount || !(mean === 0 || count > settings.factor * mean)) continue;
    rising.push({
      sector,
      theme,
      weekStart: isoDay(currentDay),
      count,
      baselineMean: roundTo(mean, 2),
      ratio: mean === 0 ? null : roundTo(count / mean, 1),
    });
  }
  return rising.sort(
    (a, b) => b.count - b.baselineMean - (a.count - a.baselineMean) || a.sector.localeCompare(b.sector) || a.theme.localeCompare(b.theme),
  );
}
