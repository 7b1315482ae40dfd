import type { Remedy, Sector, ThemeId } from '../model/taxonomy';
import type { ComplaintCountRow, LearningAggregates, ThemeCountRow } from './aggregate-rows';
import {
  addCount,
  addToTally,
  compareCounts,
  emptyTally,
  toCount,
  upholdRate,
  type Change,
  type UpholdTally,
} from './counts';

export interface OmbudsmanSummaryInput {
  /** Start of the period, inclusive. */
  from: Date;
  /** End of the period, exclusive. */
  to: Date;
  current: LearningAggregates;
  /** The period of the same length just before `from`. */
  previous: LearningAggregates;
  /** A theme must have at least this many complaints now to count as rising (default 5). */
  risingMinCount?: number;
  /** How many rising themes to keep (default 5). */
  risingLimit?: number;
}

export interface UpholdRateRow {
  upheld: number;
  decided: number;
  /** 0..1, three decimals; null when no case was decided. */
  upheldRate: number | null;
}

export interface SectorSummary extends Change, UpholdRateRow {
  sector: Sector;
  seriousCount: number;
  /** Organisations with at least one complaint this period. */
  organisationCount: number;
}

export interface OrganisationSummary extends Change, UpholdRateRow {
  organisationId: string;
  organisationName: string;
  sector: Sector;
  seriousCount: number;
}

export interface ThemeChange extends Change {
  theme: ThemeId;
}

export interface OmbudsmanSummary {
  from: Date;
  to: Date;
  totals: Change & UpholdRateRow;
  bySector: SectorSummary[];
  byOrganisation: OrganisationSummary[];
  themes: ThemeChange[];
  upheldRateByTheme: Array<UpholdRateRow & { theme: ThemeId }>;
  upheldRateBySector: Array<UpholdRateRow & { sector: Sector }>;
  topRisingThemes: ThemeChange[];
  seriousCount: number;
  commonRemedies: Array<{ remedy: Remedy; count: number }>;
}

interface GroupTotals {
  count: number;
  serious: number;
  tally: UpholdTally;
}

function emptyTotals(): GroupTotals {
  return { count: 0, serious: 0, tally: emptyTally() };
}

function addRow(totals: GroupTotals, row: ComplaintCountRow): void {
  const n = toCount(row.count);
  totals.count += n;
  if (row.severity === 'serious') totals.serious += n;
  addToTally(totals.tally, row.outcome, n);
}

function groupComplaints<K>(rows: ComplaintCountRow[], keyOf: (row: ComplaintCountRow) => K): Map<K, GroupTotals> {
  const groups = new Map<K, GroupTotals>();
  for (const row of rows) {
    const key = keyOf(row);
    const totals = groups.get(key) ?? emptyTotals();
    addRow(totals, row);
    groups.set(key, totals);
  }
  return groups;
}

function rateRow(tally: UpholdTally): UpholdRateRow {
  return { upheld: tally.upheld, decided: tally.decided, upheldRate: upholdRate(tally) };
}

/** Biggest first; ties broken by name so the same data always renders the same way. */
function byCountThenName(a: Change & { name: string }, b: Change & { name: string }): number {
  return b.count - a.count || b.previousCount - a.previousCount || a.name.localeCompare(b.name);
}

function summariseTotals(current: ComplaintCountRow[], previous: ComplaintCountRow[]): Change & UpholdRateRow {
  const now = groupComplaints(current, () => 'all').get('all') ?? emptyTotals();
  const before = groupComplaints(previous, () => 'all').get('all') ?? emptyTotals();
  return { ...compareCounts(now.count, before.count), ...rateRow(now.tally) };
}

function summariseSectors(current: ComplaintCountRow[], previous: ComplaintCountRow[]): SectorSummary[] {
  const now = groupComplaints(current, (r) => r.sector);
  const before = groupComplaints(previous, (r) => r.sector);
  const sectors = new Set<Sector>([...now.keys(), ...before.keys()]);
  return [...sectors]
    .map((sector) => {
      const totals = now.get(sector) ?? emptyTotals();
      const organisations = new Set(current.filter((r) => r.sector === sector && toCount(r.count) > 0).map((r) => r.organisationId));
      return {
        sector,
        ...compareCounts(totals.count, before.get(sector)?.count ?? 0),
        ...rateRow(totals.tally),
        seriousCount: totals.serious,
        organisationCount: organisations.size,
      };
    })
    .sort((a, b) => byCountThenName({ ...a, name: a.sector }, { ...b, name: b.sector }));
}

function summariseOrganisations(current: ComplaintCountRow[], previous: ComplaintCountRow[]): OrganisationSummary[] {
  const now = groupComplaints(current, (r) => r.organisationId);
  const before = groupComplaints(previous, (r) => r.organisationId);
  // The current name wins: an organisation renamed mid-period shows under its new name.
  const identity = new Map<string, { organisationName: string; sector: Sector }>();
  for (const row of [...previous, ...current]) {
    identity.set(row.organisationId, { organisationName: row.organisationName, sector: row.sector });
  }
  return [...identity.entries()]
    .map(([organisationId, who]) => {
      const totals = now.get(organisationId) ?? emptyTotals();
      return {
        organisationId,
        ...who,
        ...compareCounts(totals.count, before.get(organisationId)?.count ?? 0),
        ...rateRow(totals.tally),
        seriousCount: totals.serious,
      };
    })
    .sort((a, b) => byCountThenName({ ...a, name: a.organisationName }, { ...b, name: b.organisationName }));
}

/** Theme counts now vs before, biggest first; themes seen in either period are kept so a drop to zero shows. */
export function themeChanges(current: ThemeCountRow[], previous: ThemeCountRow[]): ThemeChange[] {
  const now = new Map<ThemeId, number>();
  const before = new Map<ThemeId, number>();
  for (const row of current) addCount(now, row.theme, toCount(row.count));
  for (const row of previous) addCount(before, row.theme, toCount(row.count));
  const themes = new Set<ThemeId>([...now.keys(), ...before.keys()]);
  return [...themes]
    .map((theme) => ({ theme, ...compareCounts(now.get(theme) ?? 0, before.get(theme) ?? 0) }))
    .filter((t) => t.count > 0 || t.previousCount > 0)
    .sort((a, b) => byCountThenName({ ...a, name: a.theme }, { ...b, name: b.theme }));
}

export function upheldRatesByTheme(rows: ThemeCountRow[]): Array<UpholdRateRow & { theme: ThemeId }> {
  const tallies = new Map<ThemeId, UpholdTally>();
  for (const row of rows) {
    const tally = tallies.get(row.theme) ?? emptyTally();
    addToTally(tally, row.outcome, toCount(row.count));
    tallies.set(row.theme, tally);
  }
  return [...tallies.entries()]
    .map(([theme, tally]) => ({ theme, ...rateRow(tally) }))
    .sort((a, b) => b.decided - a.decided || a.theme.localeCompare(b.theme));
}

/**
 * Rising = more complaints than last period and at least `minCount` now; the minimum stops
 * a theme going from 1 to 2 (+100%) from topping the list.
 */
export function risingThemes(themes: ThemeChange[], minCount: number, limit: number): ThemeChange[] {
  return themes
    .filter((t) => t.change > 0 && t.count >= minCount)
    .sort((a, b) => b.change - a.change || (b.changePct ?? Infinity) - (a.changePct ?? Infinity) || a.theme.localeCompare(b.theme))
    .slice(0, limit);
}

function commonRemedies(rows: LearningAggregates['remedies']): Array<{ remedy: Remedy; count: number }> {
  const counts = new Map<Remedy, number>();
  for (const row of rows ?? []) addCount(counts, row.remedy, toCount(row.count));
  return [...counts.entries()]
    .filter(([, count]) => count > 0)
    .map(([remedy, count]) => ({ remedy, count }))
    .sort((a, b) => b.count - a.count || a.remedy.localeCompare(b.remedy));
}

function assertWholeAtLeast(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
}

/** Shapes the period's GROUP BY rows into the Ombudsman's sector-wide summary. Pure: no I/O, no clock. */
export function buildOmbudsmanSummary(input: OmbudsmanSummaryInput): OmbudsmanSummary {
  const minCount = input.risingMinCount ?? 5;
  const limit = input.risingLimit ?? 5;
  assertWholeAtLeast('risingMinCount', minCount, 1);
  assertWholeAtLeast('risingLimit', limit, 0);
  if (!(input.from.getTime() < input.to.getTime())) throw new RangeError('from must be before to');

  const { current, previous } = input;
  const totals = summariseTotals(current.complaints, previous.complaints);
  const bySector = summariseSectors(current.complaints, previous.complaints);
  const themes = themeChanges(current.themes, previous.themes);
  return {
    from: input.from,
    to: input.to,
    totals,
    bySector,
    byOrganisation: summariseOrganisations(current.complaints, previous.complaints),
    themes,
    upheldRateByTheme: upheldRatesByTheme(current.themes),
    upheldRateBySector: bySector
      .filter((s) => s.count > 0)
      .map(({ sector, upheld, decided, upheldRate }) => ({ sector, upheld, decided, upheldRate })),
    topRisingThemes: risingThemes(themes, minCount, limit),
    seriousCount: bySector.reduce((sum, s) => sum + s.seriousCount, 0),
    commonRemedies: commonRemedies(current.remedies),
  };
}
