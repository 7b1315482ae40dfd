import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { renderOmbudsmanDigestEmail, type ReceivedWeek, type RenderedEmail } from '@app/domain/digest';
import { addDays, buildOmbudsmanSummary, lagCdf, lagStats, learningDay, weekCompleteness, weekStartOf } from '@app/domain/learning';
import { agreementRows } from '@app/domain/review';
import { LearningArrivalRepository, LearningRollupRepository, ReviewRepository } from '@app/persistence';

const DAY_MS = 86_400_000;
/** Weeks by receipt shown under the summary: enough to see the incomplete ones and a few complete ones before. */
const RECEIVED_WEEKS_SHOWN = 8;
/** The lag distribution behind the incompleteness mark is observed over the arrivals of the last year. */
const LAG_WINDOW_DAYS = 365;

/**
 * The Ombudsman's weekly summary, by *arrival*: what reached this service in the week,
 * however long ago each body received it (bodies send complaints once closed, often in
 * monthly or quarterly batches). Beside it, how late those arrivals were and the recent
 * weeks by receipt, each marked complete or not from the observed lags.
 */
@Injectable()
export class OmbudsmanWeeklyDigestService {
  constructor(
    private readonly arrival: LearningArrivalRepository,
    private readonly rollup: LearningRollupRepository,
    private readonly reviews: ReviewRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The email for the period, or null when nothing arrived in it (an empty summary is not sent). */
  async render(periodStart: Date, periodEnd: Date, options: { unsubscribeUrl: string; recipientName: string }): Promise<RenderedEmail | null> {
    const length = periodEnd.getTime() - periodStart.getTime();
    const current = { from: periodStart, to: periodEnd };
    const [now, before, lag, observed, watermark, receivedWeeks, agreement] = await Promise.all([
      this.arrival.aggregates(current),
      this.arrival.aggregates({ from: new Date(periodStart.getTime() - length), to: periodStart }),
      this.arrival.arrivalLags(current),
      this.arrival.arrivalLags({ from: new Date(periodEnd.getTime() - LAG_WINDOW_DAYS * DAY_MS), to: periodEnd }),
      this.rollup.watermark(),
      this.receivedWeeks(periodEnd),
      this.reviews.agreementCounts(),
    ]);
    // No "rising themes" by arrival: more arrivals than last week is a batch arriving, not a
    // rise in complaints. Rises are judged by week of receipt and alerted on their own.
    const summary = buildOmbudsmanSummary({ from: periodStart, to: periodEnd, current: now, previous: before, risingMinCount: this.config.risingThemeMinCount, risingLimit: 0 });
    if (summary.totals.count === 0) return null;
    const cdf = lagCdf(observed);
    const asOfDay = learningDay(new Date(periodEnd.getTime() - 1));
    return renderOmbudsmanDigestEmail(summary, {
      ...options,
      timeZone: this.config.digestTimeZone,
      classifierAgreement: agreementRows(agreement),
      arrival: {
        lag: lagStats(lag),
        dataAsOf: watermark,
        receivedWeeks: receivedWeeks.map((w) => ({ ...w, ...weekCompleteness(cdf, w.weekStart, asOfDay) })),
      },
    });
  }

  /** The last RECEIVED_WEEKS_SHOWN weeks by receipt up to the period's own, zero weeks included. */
  private async receivedWeeks(periodEnd: Date): Promise<Array<Pick<ReceivedWeek, 'weekStart' | 'count'>>> {
    const lastWeek = weekStartOf(learningDay(new Date(periodEnd.getTime() - 1)));
    const rows = await this.rollup.weeklyTotals(lastWeek, RECEIVED_WEEKS_SHOWN);
    const counts = new Map(rows.map((r) => [r.weekStart, r.count]));
    return Array.from({ length: RECEIVED_WEEKS_SHOWN }, (_, i) => {
      const weekStart = addDays(lastWeek, -7 * (RECEIVED_WEEKS_SHOWN - 1 - i));
      return { weekStart, count: counts.get(weekStart) ?? 0 };
    });
  }
}
