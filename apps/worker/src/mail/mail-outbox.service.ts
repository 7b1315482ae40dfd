import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobName, JobQueues, SendMailPayload } from '@app/contracts';
import { sendMailRequests } from '@app/mail';
import { DeliveryRepository, DigestRepository } from '@app/persistence';

const SWEEP_LIMIT = 1_000;

/**
 * The transactional outbox: PostgreSQL holds every email still to send (immediate
 * deliveries written with the complaint's results, digests planned by a run), and this
 * sweep queues one send-mail job for each. Job ids come from the rows, so an email whose
 * job is still waiting or retrying is not queued twice; one whose job gave up is queued again.
 * Rows under a live send lease are left out until the lease ends (see MailSendLease).
 */
@Injectable()
export class MailOutboxService {
  private readonly logger = new Logger(MailOutboxService.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly digests: DigestRepository,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(): Promise<{ queued: number }> {
    const [alerts, digests, ombudsman] = await Promise.all([
      this.deliveries.unsentImmediate(SWEEP_LIMIT),
      this.digests.pendingDigests(SWEEP_LIMIT),
      this.digests.pendingOmbudsmanMail(SWEEP_LIMIT),
    ]);
    const payloads: SendMailPayload[] = [
      ...alerts.map((id) => ({ kind: 'alert' as const, id })),
      ...digests.map((id) => ({ kind: 'digest' as const, id })),
      ...ombudsman.map((id) => ({ kind: 'ombudsman' as const, id })),
    ];
    await this.enqueue(payloads);
    if (payloads.length > 0) this.logger.debug({ alerts: alerts.length, digests: digests.length, ombudsman: ombudsman.length }, 'outbox swept');
    return { queued: payloads.length };
  }

  async enqueue(payloads: SendMailPayload[]): Promise<void> {
    await this.queues.addBulk(JobName.SendMail, sendMailRequests(payloads, this.config.mailRetryDelayMs));
  }
}
