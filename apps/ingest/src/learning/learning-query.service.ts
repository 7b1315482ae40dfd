import { Injectable } from '@nestjs/common';
import type { Sector } from '@app/domain';
import { zonedTimeToUtc } from '@app/domain/digest';
import {
  addDays,
  buildOmbudsmanSummary,
  expectedShareArrived,
  lagCdf,
  lagStats,
  learningDay,
  themeRows,
  weekCompleteness,
  weekStartOf,
  COMPLETE_SHARE,
  type LagStats,
  type OmbudsmanSummary,
  type ThemeRow,
  type WeekCompleteness,
} from '@app/domain/learning';
import { agreementRows, type ThemeAgreement } from '@app/domain/review';
import { DayRange, InstantRange, LearningArrivalRepository, LearningRollupRepository, ReviewRepository } from '@app/persistence';
import { type LearningBasis, type LearningQuery, previousRange } from './learning-query';

export { parseLearningQuery, previousRange } from './learning-query';
export type { LearningBasis, LearningQuery } from './learning-query';

/** The lag distribution behind "incomplete" is observed over the last year's arrivals. */
const LAG_WINDOW_DAYS = 365;

/** Provenance of every period-based figure. */
export interface Provenance {
  /** Complaints whose status changed after this instant may not be counted yet. */
  dataAsOf: string;
  /**
   * Counted complaints received in the period that reached this service after it ended: how
   * much a past period moved after it closed. Null when counting by arrival (nothing in the
   * period arrived after it).
   */
  arrivedAfterPeriod: number | null;
}

export interface ThemesAnswer extends Provenance {
  from: string;
  to: string;
  rows: ThemeRow[];
}

export type SummaryAnswer = Omit<OmbudsmanSummary, 'from' | 'to'> &
  Provenance & {
    from: string;
    to: string;
    basis: LearningBasis;
    sector: Sector | null;
    previous: DayRange;
    /** Arrival − receipt of the complaints counted (by receipt: those that have arrived so far). */
    lag: LagStats;
    /** By receipt only: the share of the period's eventual volume expected to have arrived by today. */
    completeness: { expectedShareArrived: number; incomplete: boolean } | null;
    /** Per theme, what human reviewers did with the model's label (all reviews to date): how far to trust each theme's trend. */
    classifierAgreement: ThemeAgreement[];
  };

export interface TrendsAnswer {
  basis: 'received';
  dataAsOf: string;
  /** Weeks by receipt, oldest first; recent ones marked incomplete from the observed lags. */
  weeks: Array<WeekCompleteness & { count: number }>;
  /** The lags the marks come from: arrivals of the last year. */
  lag: LagStats;
}

const LONDON = 'Europe/London';

/** London midnight starting a 'YYYY-MM-DD' day, as an instant (the rollup's days are London days). */
export function londonMidnight(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return zonedTimeToUtc({ year, month, day: date, hour: 0, minute: 0 }, LONDON);
}

function instants(range: DayRange): InstantRange {
  return { from: londonMidnight(range.from), to: londonMidnight(range.to) };
}

function isoOrEpoch(date: Date): string {
  return Number.isFinite(date.getTime()) ? date.toISOString() : new Date(0).toISOString();
}

/** Aggregate learning: by receipt from the rollup the worker maintains, by arrival from the complaint table. */
@Injectable()
export class LearningQueryService {
  constructor(
    private readonly rollup: LearningRollupRepository,
    private readonly arrival: LearningArrivalRepository,
    private readonly reviews: ReviewRepository,
  ) {}

  async themes(query: LearningQuery): Promise<ThemesAnswer> {
    const filter = { sector: query.sector, organisationId: query.organisationId };
    const [current, previous, watermark, late] = await Promise.all([
      this.rollup.themeCounts(query, filter),
      this.rollup.themeCounts(previousRange(query), filter),
      this.rollup.watermark(),
      this.arrival.arrivedAfter(instants(query), filter),
    ]);
    return { from: query.from, to: query.to, rows: themeRows(current, previous), dataAsOf: isoOrEpoch(watermark), arrivedAfterPeriod: late };
  }

  async summary(query: LearningQuery, risingMinCount: number, today = learningDay(new Date())): Promise<SummaryAnswer> {
    const basis = query.basis ?? 'received';
    const before = previousRange(query);
    const range = instants(query);
    const byArrival = basis === 'arrival';
    const [current, previous, watermark, lags, late, observed, agreement] = await Promise.all([
      byArrival ? this.arrival.aggregates(range, query.sector) : this.rollup.aggregates(query, query.sector),
      byArrival ? this.arrival.aggregates(instants(before), query.sector) : this.rollup.aggregates(before, query.sector),
      this.rollup.watermark(),
      byArrival ? this.arrival.arrivalLags(range, query.sector) : this.arrival.receiptLags(range, { sector: query.sector }),
      byArrival ? Promise.resolve(null) : this.arrival.arrivedAfter(range, { sector: query.sector }),
      byArrival ? Promise.resolve([]) : this.observedLags(today),
      this.reviews.agreementCounts(),
    ]);
    // By arrival, more than last period is a batch arriving, not a rise: no rising themes then.
    const summary = buildOmbudsmanSummary({ from: range.from, to: range.to, current, previous, risingMinCount, risingLimit: byArrival ? 0 : undefined });
    let completeness: SummaryAnswer['completeness'] = null;
    if (!byArrival) {
      const share = expectedShareArrived(lagCdf(observed), query.from, query.to, today);
      completeness = { expectedShareArrived: share, incomplete: share < COMPLETE_SHARE };
    }
    return {
      ...summary,
      from: query.from,
      to: query.to,
      basis,
      sector: query.sector ?? null,
      previous: before,
      lag: lagStats(lags),
      completeness,
      dataAsOf: isoOrEpoch(watermark),
      arrivedAfterPeriod: late,
      classifierAgreement: agreementRows(agreement),
    };
  }

  /** The last `weeks` weeks by receipt, this week included, each marked complete or not. */
  async trends(weeks: number, sector: Sector | undefined, today = learningDay(new Date())): Promise<TrendsAnswer> {
    const thisWeek = weekStartOf(today);
    const [rows, observed, watermark] = await Promise.all([this.rollup.weeklyTotals(thisWeek, weeks, sector), this.observedLags(today), this.rollup.watermark()]);
    const counts = new Map(rows.map((r) => [r.weekStart, r.count]));
    const cdf = lagCdf(observed);
    const series = Array.from({ length: weeks }, (_, i) => {
      const weekStart = addDays(thisWeek, -7 * (weeks - 1 - i));
      return { ...weekCompleteness(cdf, weekStart, today), count: counts.get(weekStart) ?? 0 };
    });
    return { basis: 'received', dataAsOf: isoOrEpoch(watermark), weeks: series, lag: lagStats(observed) };
  }

  private observedLags(today: string) {
    return this.arrival.arrivalLags(instants({ from: addDays(today, -LAG_WINDOW_DAYS), to: addDays(today, 1) }));
  }
}
