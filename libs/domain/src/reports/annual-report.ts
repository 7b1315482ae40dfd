import { isUpheld, REMEDIES, type Remedy, type ThemeId } from '../model/taxonomy';
import { isDecided, roundTo, toCount, type CountLike } from '../learning/counts';
import type { FinancialYear } from '../returns/financial-year';
import type { ReturnComplaintRow, ReturnOrganisation, ReturnProvenance } from '../returns/return-rows';

/*
 * A body's annual complaints report: the year's numbers, its themes against the sector's
 * median rate per 1,000 complaints, the upheld rate, remedies, what it learned (the redacted
 * learning summaries, grouped by theme) and how long complaints took. Pure: the caller loads
 * the rows; counted by date of receipt, as the official returns are.
 */

/** Per organisation in the sector: complaints in the year (theme null) and per theme. */
export interface SectorThemeCountRow {
  organisationId: string;
  theme: ThemeId | null;
  count: CountLike;
}

export type Comparison = 'higher than the sector median' | 'lower than the sector median' | 'about the sector median' | 'no sector comparison';

export interface AnnualThemeRow {
  theme: ThemeId;
  count: number;
  ratePer1000: number;
  sectorMedianPer1000: number | null;
  comparison: Comparison;
}

export interface AnnualReport extends ReturnProvenance {
  organisation: ReturnOrganisation;
  financialYear: string;
  complaints: number;
  decided: number;
  upheld: number;
  upheldRate: number | null;
  withdrawn: number;
  open: number;
  themes: AnnualThemeRow[];
  remedies: Array<{ remedy: Remedy; count: number }>;
  learning: Array<{ theme: ThemeId | null; summaries: string[] }>;
  timeTaken: { closed: number; medianDays: number | null; p90Days: number | null };
  /** Bodies in the sector with complaints this year (the median is over them). */
  sectorBodies: number;
}

/** Within this share of the sector median a rate reads "about the median" (one number never makes a story). */
const SIMILAR = 0.1;
const LEARNING_PER_THEME = 10;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median rate per 1,000 complaints of each theme over the sector's bodies with complaints (a body without the theme counts as 0). */
export function sectorMedians(rows: SectorThemeCountRow[]): { bodies: number; medians: Map<ThemeId, number> } {
  const totals = new Map<string, number>();
  const byTheme = new Map<ThemeId, Map<string, number>>();
  for (const row of rows) {
    const n = toCount(row.count);
    if (row.theme === null) totals.set(row.organisationId, (totals.get(row.organisationId) ?? 0) + n);
    else byTheme.set(row.theme, (byTheme.get(row.theme) ?? new Map()).set(row.organisationId, n));
  }
  const bodies = [...totals.entries()].filter(([, n]) => n > 0);
  const medians = new Map<ThemeId, number>();
  for (const [theme, counts] of byTheme) {
    medians.set(theme, roundTo(median(bodies.map(([id, total]) => ((counts.get(id) ?? 0) / total) * 1000)) ?? 0, 1));
  }
  return { bodies: bodies.length, medians };
}

function compare(rate: number, sectorMedian: number | null, bodies: number): Comparison {
  if (sectorMedian === null || bodies < 2) return 'no sector comparison';
  if (Math.abs(rate - sectorMedian) <= SIMILAR * Math.max(sectorMedian, 1)) return 'about the sector median';
  return rate > sectorMedian ? 'higher than the sector median' : 'lower than the sector median';
}

function days(from: string | Date, to: string | Date): number {
  return Math.max(0, Math.floor((new Date(to).getTime() - new Date(from).getTime()) / 86_400_000));
}

function nearestRank(sorted: number[], p: number): number | null {
  return sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

export function buildAnnualReport(
  input: { organisation: ReturnOrganisation; year: FinancialYear; complaints: ReturnComplaintRow[]; sector: SectorThemeCountRow[] } & ReturnProvenance,
): AnnualReport {
  const rows = input.complaints;
  const decided = rows.filter((r) => isDecided(r.outcome));
  const upheld = decided.filter((r) => isUpheld(r.outcome)).length;
  const { bodies, medians } = sectorMedians(input.sector);
  const themeCounts = new Map<ThemeId, number>();
  for (const row of rows) for (const theme of new Set(row.themes)) themeCounts.set(theme, (themeCounts.get(theme) ?? 0) + 1);
  const themes = [...themeCounts.entries()]
    .map(([theme, count]) => {
      const ratePer1000 = roundTo((count / rows.length) * 1000, 1);
      const sectorMedianPer1000 = medians.get(theme) ?? null;
      return { theme, count, ratePer1000, sectorMedianPer1000, comparison: compare(ratePer1000, sectorMedianPer1000, bodies) };
    })
    .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme));
  const learning = new Map<ThemeId | null, string[]>();
  for (const row of rows) {
    if (!row.learningSummary) continue;
    const lead = row.themes[0] ?? null;
    const list = learning.get(lead) ?? [];
    if (list.length < LEARNING_PER_THEME) list.push(row.learningSummary);
    learning.set(lead, list);
  }
  const taken = rows
    .filter((r) => r.closedAt && r.receivedAt && r.outcome !== 'open')
    .map((r) => days(r.receivedAt!, r.closedAt!))
    .sort((a, b) => a - b);
  return {
    organisation: input.organisation,
    financialYear: input.year.label,
    dataAsOf: input.dataAsOf,
    arrivedAfterPeriod: input.arrivedAfterPeriod,
    complaints: rows.length,
    decided: decided.length,
    upheld,
    upheldRate: decided.length > 0 ? roundTo(upheld / decided.length, 3) : null,
    withdrawn: rows.filter((r) => r.outcome === 'withdrawn').length,
    open: rows.filter((r) => r.outcome === 'open').length,
    themes,
    remedies: REMEDIES.map((remedy) => ({ remedy, count: rows.filter((r) => r.remedies.includes(remedy)).length })).filter((r) => r.count > 0),
    learning: [...learning.entries()].map(([theme, summaries]) => ({ theme, summaries })).sort((a, b) => b.summaries.length - a.summaries.length || String(a.theme).localeCompare(String(b.theme))),
    timeTaken: { closed: taken.length, medianDays: nearestRank(taken, 0.5), p90Days: nearestRank(taken, 0.9) },
    sectorBodies: bodies,
  };
}
