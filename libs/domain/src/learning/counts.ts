import { isUpheld, type Outcome } from '../model/taxonomy';

/**
 * A count as it comes out of SQL. `count(*)` is a bigint, which node-postgres returns as a
 * string; accepting both means the worker can pass GROUP BY rows through untouched.
 */
export type CountLike = number | string;

export type Direction = 'up' | 'down' | 'same';

export interface Change {
  count: number;
  previousCount: number;
  /** count − previousCount */
  change: number;
  /** Percentage change, one decimal; null when there is no previous count to compare with. */
  changePct: number | null;
  direction: Direction;
}

/** Parses a SQL count, refusing anything that is not a whole, non-negative number. */
export function toCount(value: CountLike | undefined | null): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    // A negative or fractional count means the query is wrong; hiding it would mislead readers.
    throw new RangeError(`Invalid count: ${JSON.stringify(value)}`);
  }
  return n;
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function compareCounts(count: number, previousCount: number): Change {
  const change = count - previousCount;
  return {
    count,
    previousCount,
    change,
    changePct: previousCount > 0 ? roundTo((change / previousCount) * 100, 1) : null,
    direction: change > 0 ? 'up' : change < 0 ? 'down' : 'same',
  };
}

/**
 * Open cases have no finding yet and withdrawn ones never get one, so counting them as
 * "not upheld" would make every body look better than it is. They are left out of the
 * uphold-rate denominator everywhere (digests, Ombudsman summary, /v1/learning/themes).
 */
export function isDecided(outcome: Outcome): boolean {
  return outcome !== 'open' && outcome !== 'withdrawn';
}

export interface UpholdTally {
  /** upheld + partly-upheld */
  upheld: number;
  /** every outcome except open and withdrawn */
  decided: number;
}

export function emptyTally(): UpholdTally {
  return { upheld: 0, decided: 0 };
}

export function addToTally(tally: UpholdTally, outcome: Outcome, count: number): void {
  if (!isDecided(outcome)) return;
  tally.decided += count;
  if (isUpheld(outcome)) tally.upheld += count;
}

/** Share of decided cases that were upheld or partly upheld, 0..1 to three decimals; null when none were decided. */
export function upholdRate(tally: UpholdTally): number | null {
  return tally.decided > 0 ? roundTo(tally.upheld / tally.decided, 3) : null;
}

/** Adds `count` under `key`, creating the entry on first use. */
export function addCount<K>(map: Map<K, number>, key: K, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}
