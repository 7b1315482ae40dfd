import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { alertableRises, detectRisingThemes, isRevealedLate, learningDay, weeksBetween, weeksToJudge, weekStartOf } from '@app/domain/learning';
import { LearningRollupRefreshRepository, LearningRollupRepository } from '@app/persistence';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { RISING_BASELINE_WEEKS } from '../mail/mail-delivery.service';
import { DutyCyclePacer } from './duty-cycle-pacer';

/** Scheduled refreshes take at most this share of the time (see DutyCyclePacer). */
const SCHEDULED_REFRESH_SHARE = 0.1;

/**
 * Keeps the learning rollup current and tells the Ombudsman at once when a theme rises in
 * a sector. Weeks are weeks of *receipt* on both sides of the comparison, so a batch of old
 * complaints arriving now fills the old weeks it belongs to (and their baselines), never
 * this one. Judged: this week, last week, and every past week whose figures this refresh
 * changed — late data can reveal a rise weeks later; it is alerted once, naming the week.
 */
@Injectable()
export class LearningRefreshService {
  private readonly logger = new Logger(LearningRefreshService.name);
  private readonly pacer = new DutyCyclePacer(SCHEDULED_REFRESH_SHARE);

  constructor(
    private readonly rollup: LearningRollupRepository,
    private readonly refresher: LearningRollupRefreshRepository,
    private readonly outbox: MailOutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The scheduled refresh: skipped while the last one's pause is not over. */
  async refreshWhenDue(): Promise<{ days: number; alerts: number; deferred?: true }> {
    return (await this.pacer.run((startedAt) => this.refresh(new Date(startedAt)))) ?? { days: 0, alerts: 0, deferred: true };
  }

  async refresh(now = new Date()): Promise<{ days: number; alerts: number }> {
    const result = await this.refresher.refresh();
    if (!result.ran || result.days === 0) return { days: 0, alerts: 0 };
    const thisWeek = weekStartOf(learningDay(now));
    const weeks = weeksToJudge(result.weeks, thisWeek);
    const span = weeksBetween(weeks[0], thisWeek) + RISING_BASELINE_WEEKS + 1;
    const counts = await this.rollup.weeklySectorThemeCounts(thisWeek, span);
    const options = { factor: this.config.risingThemeFactor, minCount: this.config.risingThemeMinCount, baselineWeeks: RISING_BASELINE_WEEKS };
    const mailIds: string[] = [];
    for (const week of weeks) {
      const revealedLate = isRevealedLate(week, thisWeek);
      const rising = alertableRises(detectRisingThemes(counts, week, options), revealedLate);
      mailIds.push(...(await this.refresher.recordRisingThemes(rising, { revealedLate })));
    }
    await this.outbox.enqueue(mailIds.map((id) => ({ kind: 'ombudsman' as const, id })));
    if (mailIds.length > 0) this.logger.log({ emails: mailIds.length, weeks: weeks.length }, 'rising-theme alerts queued');
    return { days: result.days, alerts: mailIds.length };
  }
}
