import { roundTo, toCount, type CountLike } from './counts';

/*
 * Two clocks: a complaint is *received* by the body, and *arrives* here (is accepted by the
 * API) often months later, once it is closed. The lag is arrival minus receipt, in whole days.
 * These functions turn a histogram of lags (a GROUP BY in SQL) into the figures people read.
 */

/** `SELECT floor(extract(epoch FROM accepted_at - received_at) / 86400)::int AS "lagDays", count(*) … GROUP BY 1` */
export interface LagHistogramRow {
  lagDays: number;
  count: CountLike;
}

/** Arrivals this many days or more after receipt are "very late" (the 90-day line). */
export const VERY_LATE_DAYS = 90;

export interface LagStats {
  /** Complaints the figures describe. */
  count: number;
  /** Median lag in days (nearest rank); null when there are none. */
  medianDays: number | null;
  /** 90th percentile lag in days (nearest rank); null when there are none. */
  p90Days: number | null;
  /** How many arrived more than VERY_LATE_DAYS days after they were received. */
  over90Days: number;
}

/** Sorted (lag, count) pairs with negative lags (clock skew, a receivedAt typed in the future) clamped to 0. */
function normalise(rows: LagHistogramRow[]): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const row of rows) {
    if (!Number.isFinite(row.lagDays)) throw new RangeError(`lagDays must be a number, got ${row.lagDays}`);
    const lag = Math.max(0, Math.floor(row.lagDays));
    counts.set(lag, (counts.get(lag) ?? 0) + toCount(row.count));
  }
  return [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
}

/**
 * The nearest-rank percentile: the smallest lag with at least p of the complaints at or
 * below it. Whole days, never interpolated, so "median 41 days" is a lag someone had.
 */
function percentile(sorted: Array<[number, number]>, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [lag, n] of sorted) {
    seen += n;
    if (seen >= rank) return lag;
  }
  return sorted[sorted.length - 1][0];
}

export function lagStats(rows: LagHistogramRow[]): LagStats {
  const sorted = normalise(rows);
  const count = sorted.reduce((sum, [, n]) => sum + n, 0);
  return {
    count,
    medianDays: percentile(sorted, count, 0.5),
    p90Days: percentile(sorted, count, 0.9),
    over90Days: sorted.filter(([lag]) => lag > VERY_LATE_DAYS).reduce((sum, [, n]) => sum + n, 0),
  };
}

/** A cumulative distribution of lags: share of complaints that arrive within `days` days of receipt. */
export type LagCdf = (days: number) => number;

/**
 * The observed lag distribution as a function. With no observations nothing can be said,
 * so every share is 1 (no week is marked incomplete on no evidence).
 */
export function lagCdf(rows: LagHistogramRow[]): LagCdf {
  const sorted = normalise(rows);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return () => 1;
  return (days: number) => {
    if (days < 0) return 0;
    let within = 0;
    for (const [lag, n] of sorted) {
      if (lag > days) break;
      within += n;
    }
    return within / total;
  };
}

/** Below this expected share a week's figures by receipt are marked incomplete. */
export const COMPLETE_SHARE = 0.9;

export interface WeekCompleteness {
  /** 'YYYY-MM-DD' Monday. */
  weekStart: string;
  /** Share of the week's eventual volume expected to have arrived by `asOf`, 0..1, three decimals. */
  expectedShareArrived: number;
  incomplete: boolean;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`expected YYYY-MM-DD, got ${JSON.stringify(day)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/**
 * How complete a range of receipt days is as of `asOfDay`: the mean over its days of the
 * share of complaints received that day expected to have arrived by now (the observed lag
 * CDF at the day's age). Days not yet reached count as 0 — none of their complaints exist
 * yet. Assumes receipts are spread evenly over the days, which is what makes it a mean.
 */
export function expectedShareArrived(cdf: LagCdf, fromDay: string, toDay: string, asOfDay: string): number {
  const from = dayNumber(fromDay);
  const to = dayNumber(toDay);
  const now = dayNumber(asOfDay);
  if (!(to > from)) throw new RangeError('toDay must be after fromDay');
  let sum = 0;
  for (let day = from; day < to; day += 1) sum += day > now ? 0 : cdf(now - day);
  return roundTo(sum / (to - from), 3);
}

export function weekCompleteness(cdf: LagCdf, weekStart: string, asOfDay: string, threshold = COMPLETE_SHARE): WeekCompleteness {
  const end = new Date((dayNumber(weekStart) + 7) * DAY_MS).toISOString().slice(0, 10);
  const share = expectedShareArrived(cdf, weekStart, end, asOfDay);
  return { weekStart, expectedShareArrived: share, incomplete: share < threshold };
}
