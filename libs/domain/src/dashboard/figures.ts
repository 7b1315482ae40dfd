import type { Outcome, Sector, ThemeId } from '../model/taxonomy';
import type { ThemeCountRow } from '../learning/aggregate-rows';
import { weekCompleteness, type LagCdf } from '../learning/arrival-lag';
import { addToTally, compareCounts, emptyTally, roundTo, toCount, upholdRate, type Change, type CountLike } from '../learning/counts';
import { risingThemes, themeChanges, upheldRatesByTheme, type ThemeChange, type UpholdRateRow } from '../learning/ombudsman-summary';
import { weeksOf, type DayRange } from './period';

/** Complaints per outcome (each complaint once) and how many were serious, for one period. */
export interface HeadlineCounts {
  outcomes: Array<{ outcome: Outcome; count: CountLike }>;
  serious: CountLike;
}

export interface RateChange {
  rate: number | null;
  previousRate: number | null;
  /** Difference in percentage points, one decimal; null when either rate is missing. */
  changePoints: number | null;
}

export interface Headline {
  total: Change;
  upheld: UpholdRateRow & RateChange;
  serious: Change;
}

function tallyOf(counts: HeadlineCounts): { total: number; upheld: number; decided: number } {
  const tally = emptyTally();
  let total = 0;
  for (const row of counts.outcomes) {
    const n = toCount(row.count);
    total += n;
    addToTally(tally, row.outcome, n);
  }
  return { total, ...tally };
}

/** Total, upheld rate and serious cases now, each against the previous period of the same length. */
export function headlineFigures(current: HeadlineCounts, previous: HeadlineCounts): Headline {
  const now = tallyOf(current);
  const before = tallyOf(previous);
  const rate = upholdRate(now);
  const previousRate = upholdRate(before);
  return {
    total: compareCounts(now.total, before.total),
    upheld: {
      upheld: now.upheld,
      decided: now.decided,
      upheldRate: rate,
      rate,
      previousRate,
      changePoints: rate === null || previousRate === null ? null : roundTo((rate - previousRate) * 100, 1),
    },
    serious: compareCounts(toCount(current.serious), toCount(previous.serious)),
  };
}

export interface WeeklyThemeRow {
  weekStart: string;
  theme: ThemeId;
  count: CountLike;
}

export interface WeekColumn {
  weekStart: string;
  /** Days of the week inside the period: fewer than 7 at a period's edge. */
  daysInPeriod: number;
  /** Share of the week's complaints expected to have reached us by now (arrival lag), 0..1. */
  expectedShareArrived: number;
  /** Too recent to trust: bodies send complaints weeks or months after receiving them. */
  incomplete: boolean;
}

export interface ThemesByWeek {
  weeks: WeekColumn[];
  /** Themes by total over the period, largest first; `counts[i]` is the count in `weeks[i]`. */
  series: Array<{ theme: ThemeId; total: number; counts: number[] }>;
}

/** Week-by-week counts per theme over every week the period touches (missing weeks are 0). */
export function themesByWeek(rows: WeeklyThemeRow[], range: DayRange, cdf: LagCdf, today: string): ThemesByWeek {
  const buckets = weeksOf(range);
  const index = new Map(buckets.map((b, i) => [b.weekStart, i]));
  const series = new Map<ThemeId, number[]>();
  for (const row of rows) {
    const at = index.get(row.weekStart);
    if (at === undefined) continue;
    const counts = series.get(row.theme) ?? new Array<number>(buckets.length).fill(0);
    counts[at] += toCount(row.count);
    series.set(row.theme, counts);
  }
  const weeks = buckets.map((b) => {
    const completeness = weekCompleteness(cdf, b.weekStart, today);
    return { ...b, expectedShareArrived: completeness.expectedShareArrived, incomplete: completeness.incomplete };
  });
  return {
    weeks,
    series: [...series.entries()]
      .map(([theme, counts]) => ({ theme, total: counts.reduce((a, b) => a + b, 0), counts }))
      .filter((s) => s.total > 0)
      .sort((a, b) => b.total - a.total || a.theme.localeCompare(b.theme)),
  };
}

export interface SectorThemeRow {
  sector: Sector;
  theme: ThemeId;
  count: CountLike;
}

export interface ThemesBySector {
  sectors: Sector[];
  /** Themes by total, largest first; `counts[i]` is the count in `sectors[i]`. */
  series: Array<{ theme: ThemeId; total: number; counts: number[] }>;
}

export function themesBySector(rows: SectorThemeRow[]): ThemesBySector {
  const sectorTotals = new Map<Sector, number>();
  for (const row of rows) sectorTotals.set(row.sector, (sectorTotals.get(row.sector) ?? 0) + toCount(row.count));
  const sectors = [...sectorTotals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
  const at = new Map(sectors.map((s, i) => [s, i]));
  const series = new Map<ThemeId, number[]>();
  for (const row of rows) {
    const i = at.get(row.sector);
    if (i === undefined) continue;
    const counts = series.get(row.theme) ?? new Array<number>(sectors.length).fill(0);
    counts[i] += toCount(row.count);
    series.set(row.theme, counts);
  }
  return {
    sectors,
    series: [...series.entries()]
      .map(([theme, counts]) => ({ theme, total: counts.reduce((a, b) => a + b, 0), counts }))
      .filter((s) => s.total > 0)
      .sort((a, b) => b.total - a.total || a.theme.localeCompare(b.theme)),
  };
}

export type UpheldByTheme = Array<UpholdRateRow & { theme: ThemeId }>;

/** Upheld rate per theme, themes with decided cases only, highest rate first. */
export function upheldRateByTheme(rows: ThemeCountRow[]): UpheldByTheme {
  return upheldRatesByTheme(rows)
    .filter((r) => r.decided > 0)
    .sort((a, b) => (b.upheldRate ?? 0) - (a.upheldRate ?? 0) || b.decided - a.decided || a.theme.localeCompare(b.theme));
}

/** Rising: more complaints than the previous period and at least `minCount` now (as the Ombudsman summary). */
export function risingThemeRows(current: ThemeCountRow[], previous: ThemeCountRow[], minCount = 5, limit = 10): ThemeChange[] {
  return risingThemes(themeChanges(current, previous), minCount, limit);
}

export interface SeriousOrganisationRow {
  organisationId: string;
  organisationName: string;
  sector: Sector;
  count: CountLike;
}

export interface SeriousOrganisation {
  organisationId: string;
  organisationName: string;
  sector: Sector;
  count: number;
}

/** Most serious cases first; ties by name then id so the same data always ranks the same. */
export function topSeriousOrganisations(rows: SeriousOrganisationRow[], limit = 10): SeriousOrganisation[] {
  return rows
    .map((r) => ({ organisationId: r.organisationId, organisationName: r.organisationName, sector: r.sector, count: toCount(r.count) }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.organisationName.localeCompare(b.organisationName) || a.organisationId.localeCompare(b.organisationId))
    .slice(0, limit);
}
