import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { detectRisingThemes } from '@app/domain/learning';
import { addDays, learningDay, LearningRollupRepository, weekStartOf } from '@app/persistence';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { RISING_BASELINE_WEEKS } from '../mail/mail-delivery.service';
import { DutyCyclePacer } from './duty-cycle-pacer';

/** Scheduled refreshes take at most this share of the time (see DutyCyclePacer). */
const SCHEDULED_REFRESH_SHARE = 0.1;

/**
 * Keeps the learning rollup current and tells the Ombudsman at once when a theme rises in
 * a sector: this week so far, and last week (complaints received then may arrive late).
 */
@Injectable()
export class LearningRefreshService {
  private readonly logger = new Logger(LearningRefreshService.name);
  private readonly pacer = new DutyCyclePacer(SCHEDULED_REFRESH_SHARE);

  constructor(
    private readonly rollup: LearningRollupRepository,
    private readonly outbox: MailOutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The scheduled refresh: skipped while the last one's pause is not over. */
  async refreshWhenDue(): Promise<{ days: number; alerts: number; deferred?: true }> {
    return (await this.pacer.run((startedAt) => this.refresh(new Date(startedAt)))) ?? { days: 0, alerts: 0, deferred: true };
  }

  async refresh(now = new Date()): Promise<{ days: number; alerts: number }> {
    const result = await this.rollup.refresh();
    if (!result.ran || result.days === 0) return { days: 0, alerts: 0 };
    const thisWeek = weekStartOf(learningDay(now));
    const counts = await this.rollup.weeklySectorThemeCounts(thisWeek, RISING_BASELINE_WEEKS + 2);
    const options = { factor: this.config.risingThemeFactor, minCount: this.config.risingThemeMinCount, baselineWeeks: RISING_BASELINE_WEEKS };
    const mailIds: string[] = [];
    for (const week of [addDays(thisWeek, -7), thisWeek]) {
      mailIds.push(...(await this.rollup.recordRisingThemes(detectRisingThemes(counts, week, options))));
    }
    await this.outbox.enqueue(mailIds.map((id) => ({ kind: 'ombudsman' as const, id })));
    if (mailIds.length > 0) this.logger.log({ emails: mailIds.length }, 'rising-theme alerts queued');
    return { days: result.days, alerts: mailIds.length };
  }
}
