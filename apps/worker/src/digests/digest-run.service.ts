import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { DigestPeriod, DigestPeriodFrequency } from '@app/domain/digest';
import { DigestRepository } from '@app/persistence';
import { MailOutboxService } from '../mail/mail-outbox.service';

export interface DigestRunResult {
  period: DigestPeriod;
  queued: number;
  ombudsmanQueued: number;
}

/**
 * A scheduled digest run: records the period's digests (one per contact, whoever runs it
 * and how often) and queues those still to send. Weekly runs add the Ombudsman summary.
 */
@Injectable()
export class DigestRunService {
  private readonly logger = new Logger(DigestRunService.name);

  constructor(
    private readonly digests: DigestRepository,
    private readonly outbox: MailOutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(frequency: DigestPeriodFrequency, asOf: Date): Promise<DigestRunResult> {
    const plan = await this.digests.plan(frequency, asOf, this.config.digestTimeZone);
    await this.outbox.enqueue([
      ...plan.digestIds.map((id) => ({ kind: 'digest' as const, id })),
      ...plan.ombudsmanIds.map((id) => ({ kind: 'ombudsman' as const, id })),
    ]);
    this.logger.log({ frequency, period: plan.period.key, queued: plan.digestIds.length, ombudsman: plan.ombudsmanIds.length }, 'digest run');
    return { period: plan.period, queued: plan.digestIds.length, ombudsmanQueued: plan.ombudsmanIds.length };
  }
}
