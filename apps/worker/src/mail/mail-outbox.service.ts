import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobName, JobQueues, QueueName, SendMailPayload, sendMailJobId } from '@app/contracts';
import { sendMailRequests } from '@app/mail';
import { freeOrphanedJobs } from '../jobs/lost-job';
import { DeliveryRepository, DigestRepository } from '@app/persistence';

const SWEEP_LIMIT = 1_000;
/** An email still unsent after this many sweeps has its queued job checked (see `freeStuckJobs`). */
const STUCK_AFTER_SWEEPS = 20;

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
  /** How many sweeps in a row each still-unsent email has been seen in. */
  private readonly unsentFor = new Map<string, number>();

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
    await this.freeStuckJobs(payloads);
    await this.enqueue(payloads);
    if (payloads.length > 0) this.logger.debug({ alerts: alerts.length, digests: digests.length, ombudsman: ombudsman.length }, 'outbox swept');
    return { queued: payloads.length };
  }

  /**
   * An email unsent for many sweeps has its job looked at: one orphaned by a Redis data loss
   * is removed, so this sweep queues it afresh (see `freeOrphanedJobs`).
   */
  private async freeStuckJobs(payloads: SendMailPayload[]): Promise<void> {
    const seen = new Map<string, number>();
    const stuck: string[] = [];
    for (const payload of payloads) {
      const jobId = sendMailJobId(payload);
      const sweeps = (this.unsentFor.get(jobId) ?? 0) + 1;
      seen.set(jobId, sweeps >= STUCK_AFTER_SWEEPS ? 0 : sweeps);
      if (sweeps >= STUCK_AFTER_SWEEPS) stuck.push(jobId);
    }
    this.unsentFor.clear();
    for (const [jobId, sweeps] of seen) this.unsentFor.set(jobId, sweeps);
    const freed = await freeOrphanedJobs(this.queues.queue(QueueName.Mail), stuck);
    if (freed.length > 0) this.logger.warn({ jobIds: freed }, 'send-mail jobs stuck in Redis without being processed; queueing them again');
  }

  async enqueue(payloads: SendMailPayload[]): Promise<void> {
    await this.queues.addBulk(JobName.SendMail, sendMailRequests(payloads, this.config.mailRetryDelayMs));
  }
}
