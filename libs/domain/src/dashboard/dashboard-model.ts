import type { Sector, Severity, ThemeId } from '../model/taxonomy';
import type { LagHistogramRow, ThemeCountRow } from '../learning';
import { lagCdf, type LagCdf } from '../learning/arrival-lag';
import type { ThemeChange } from '../learning/ombudsman-summary';
import {
  headlineFigures,
  risingThemeRows,
  themesBySector,
  themesByWeek,
  topSeriousOrganisations,
  upheldRateByTheme,
  type Headline,
  type HeadlineCounts,
  type SectorThemeRow,
  type SeriousOrganisation,
  type SeriousOrganisationRow,
  type ThemesBySector,
  type ThemesByWeek,
  type UpheldByTheme,
  type WeeklyThemeRow,
} from './figures';
import { effectiveOrganisation, filterOutsideScope, type DashboardFilters, type DashboardScope } from './filters';
import type { DashboardPeriod, DayRange } from './period';
import {
  risingThemesChart,
  seriousOrganisationsChart,
  themesBySectorChart,
  themesByWeekChart,
  upheldRateByThemeChart,
  type RenderedChart,
} from './charts/dashboard-charts';
import { decodeCursor, encodeCursor, visibleRecord, DRILL_PAGE_DEFAULT, DRILL_PAGE_MAX, type DashboardViewer, type DrillCursor, type DrillDownRecord, type DrillDownRow } from './drill-down';

/**
 * One query of the reader: a day range and the filters, already cut to the viewer's scope.
 * `organisationId` set means one organisation's own figures (every complaint of its own);
 * unset means across bodies, where a cross-body cluster counts once (the rollup's rule).
 */
export interface DashboardQuery {
  range: DayRange;
  sector?: Sector;
  organisationId?: string;
  theme?: ThemeId;
}

export interface DrillQuery extends DashboardQuery {
  severity?: Severity;
  after?: DrillCursor;
  limit: number;
}

/** What the dashboard reads; LearningDashboardRepository implements it over PostgreSQL. */
export interface DashboardReader {
  headline(query: DashboardQuery): Promise<HeadlineCounts>;
  weeklyThemes(query: DashboardQuery): Promise<WeeklyThemeRow[]>;
  sectorThemes(query: DashboardQuery): Promise<SectorThemeRow[]>;
  themeOutcomes(query: DashboardQuery): Promise<ThemeCountRow[]>;
  seriousOrganisations(query: DashboardQuery, limit: number): Promise<SeriousOrganisationRow[]>;
  /** Lags of what arrived in `range` (by arrival), for one organisation or all. */
  arrivalLags(range: { from: Date; to: Date }, organisationId?: string): Promise<LagHistogramRow[]>;
  /** When the figures were cut off (the rollup's watermark). */
  dataAsOf(): Promise<Date>;
  /** Newest first, ordered by (receivedAt, complaintId) descending, `limit` + 1 rows at most. */
  learningRecords(query: DrillQuery): Promise<DrillDownRow[]>;
}

export interface DashboardModel {
  period: DashboardPeriod;
  filters: { sector: Sector | null; organisationId: string | null; theme: ThemeId | null };
  scope: DashboardScope;
  /** Counted by the day each body received the complaint (London days); see docs/dashboard.md. */
  basis: 'received';
  dataAsOf: string;
  headline: Headline;
  themesByWeek: ThemesByWeek;
  themesBySector: ThemesBySector;
  upheldRateByTheme: UpheldByTheme;
  risingThemes: ThemeChange[];
  seriousOrganisations: SeriousOrganisation[];
  /** Rendered only when asked (`charts: true`): the API wants figures, the page wants SVG. */
  charts?: RenderedChart[];
}

export interface DashboardOptions {
  /** The asOf day in the learning time zone ('YYYY-MM-DD'), for completeness of recent weeks. */
  today: string;
  /** Now, for the window of the observed arrival lags (the last 365 days). */
  now: Date;
  charts?: boolean;
  seriousLimit?: number;
  risingMinCount?: number;
}

const EMPTY_HEADLINE: HeadlineCounts = { outcomes: [], serious: 0 };
/** The lag distribution moves slowly; reading a year of arrivals on every request would cost more than the rest. */
const LAG_CACHE_MS = 10 * 60_000;
const LAG_WINDOW_DAYS = 365;

/**
 * Assembles the learning dashboard from a reader and the pure figures: the same model for a
 * web page and for an API answer. Holds only a short cache of the lag distribution.
 */
export class DashboardModelService {
  private readonly lagCache = new Map<string, { at: number; cdf: LagCdf }>();

  constructor(private readonly reader: DashboardReader) {}

  async build(filters: DashboardFilters, scope: DashboardScope, options: DashboardOptions): Promise<DashboardModel> {
    const empty = filterOutsideScope(filters, scope);
    const base = { sector: filters.sector, organisationId: effectiveOrganisation(filters, scope), theme: filters.theme };
    const current: DashboardQuery = { ...base, range: filters.period };
    const previous: DashboardQuery = { ...base, range: filters.period.previous };
    const none = <T>(value: T) => Promise.resolve(value);
    const [headNow, headBefore, weekly, sectors, outcomesNow, outcomesBefore, serious, cdf, asOf] = await Promise.all([
      empty ? none(EMPTY_HEADLINE) : this.reader.headline(current),
      empty ? none(EMPTY_HEADLINE) : this.reader.headline(previous),
      empty ? none([]) : this.reader.weeklyThemes(current),
      empty ? none([]) : this.reader.sectorThemes(current),
      empty ? none([]) : this.reader.themeOutcomes(current),
      empty ? none([]) : this.reader.themeOutcomes(previous),
      empty ? none([]) : this.reader.seriousOrganisations(current, options.seriousLimit ?? 10),
      this.lagDistribution(base.organisationId, options.now),
      this.reader.dataAsOf(),
    ]);
    const model: DashboardModel = {
      period: filters.period,
      filters: { sector: filters.sector ?? null, organisationId: filters.organisationId ?? null, theme: filters.theme ?? null },
      scope,
      basis: 'received',
      dataAsOf: asOf.toISOString(),
      headline: headlineFigures(headNow, headBefore),
      themesByWeek: themesByWeek(weekly, filters.period, cdf, options.today),
      themesBySector: themesBySector(sectors),
      upheldRateByTheme: upheldRateByTheme(outcomesNow),
      risingThemes: risingThemeRows(outcomesNow, outcomesBefore, options.risingMinCount ?? 5),
      seriousOrganisations: topSeriousOrganisations(serious, options.seriousLimit ?? 10),
    };
    if (options.charts) model.charts = renderDashboardCharts(model);
    return model;
  }

  /**
   * One page of the learning summaries behind a figure, newest first. `cursor` is the
   * previous page's `nextCursor`; an invalid one is a RangeError naming the field.
   */
  async learningPage(
    filters: DashboardFilters,
    scope: DashboardScope,
    viewer: DashboardViewer,
    page: { cursor?: string; limit?: number; severity?: Severity; shareSummaries: boolean },
  ): Promise<{ items: DrillDownRecord[]; nextCursor: string | null }> {
    const limit = page.limit ?? DRILL_PAGE_DEFAULT;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > DRILL_PAGE_MAX) throw new RangeError(`limit: must be a whole number from 1 to ${DRILL_PAGE_MAX}`);
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    if (after === null) throw new RangeError('cursor: not a cursor from a previous page');
    if (filterOutsideScope(filters, scope)) return { items: [], nextCursor: null };
    const rows = await this.reader.learningRecords({
      range: filters.period,
      sector: filters.sector,
      organisationId: effectiveOrganisation(filters, scope),
      theme: filters.theme,
      severity: page.severity,
      after,
      limit,
    });
    const items = rows.slice(0, limit).map((row) => visibleRecord(row, viewer, page.shareSummaries));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ receivedAt: last.receivedAt.toISOString(), complaintId: last.complaintId }) : null };
  }

  private async lagDistribution(organisationId: string | undefined, now: Date): Promise<LagCdf> {
    const key = organisationId ?? '*';
    const cached = this.lagCache.get(key);
    if (cached && now.getTime() - cached.at < LAG_CACHE_MS && now.getTime() >= cached.at) return cached.cdf;
    const rows = await this.reader.arrivalLags({ from: new Date(now.getTime() - LAG_WINDOW_DAYS * 86_400_000), to: now }, organisationId);
    const cdf = lagCdf(rows);
    if (this.lagCache.size > 1000) this.lagCache.clear();
    this.lagCache.set(key, { at: now.getTime(), cdf });
    return cdf;
  }
}

export function renderDashboardCharts(model: DashboardModel): RenderedChart[] {
  return [
    themesByWeekChart(model.themesByWeek),
    themesBySectorChart(model.themesBySector),
    upheldRateByThemeChart(model.upheldRateByTheme),
    risingThemesChart(model.risingThemes),
    seriousOrganisationsChart(model.seriousOrganisations),
  ];
}

/** Every page of the filtered records, for the CSV export (keyset pages, so memory stays flat). */
export async function* allLearningRecords(
  reader: DashboardReader,
  filters: DashboardFilters,
  scope: DashboardScope,
  viewer: DashboardViewer,
  shareSummaries: boolean,
  pageSize = 1000,
): AsyncGenerator<DrillDownRecord[]> {
  if (filterOutsideScope(filters, scope)) return;
  let after: DrillCursor | undefined;
  for (;;) {
    const rows = await reader.learningRecords({
      range: filters.period,
      sector: filters.sector,
      organisationId: effectiveOrganisation(filters, scope),
      theme: filters.theme,
      after,
      limit: pageSize,
    });
    const page = rows.slice(0, pageSize);
    if (page.length > 0) yield page.map((row) => visibleRecord(row, viewer, shareSummaries));
    if (rows.length <= pageSize) return;
    const last = page[page.length - 1];
    after = { receivedAt: last.receivedAt.toISOString(), complaintId: last.complaintId };
  }
}

