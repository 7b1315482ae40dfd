import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, QueueName } from '@app/contracts';
import type { SendOnceResult } from '@app/persistence';
import { JobHandlerRegistry } from '../jobs/job-handler.registry';
import { discardLostJob, isLostJob } from '../jobs/lost-job';
import { TypedJob, TypedJobProcessor } from '../jobs/typed-job.processor';
import { MailDeliveryService } from './mail-delivery.service';
import { WORKER_OPTIONS } from '../jobs/worker-options';

/**
 * SMTP round trips dominate; a few in parallel keep a relay busy without flooding it. More
 * jobs run than there are SMTP connections so claiming and recording overlap with sending;
 * each waits for a free connection before it claims its email (MailDeliveryService.send).
 */
const MAIL_CONCURRENCY = 8;

/** Glue: validates the payload and hands it to the mail service; logs ids, never content. */
@Processor(QueueName.Mail, WORKER_OPTIONS)
export class MailProcessor extends TypedJobProcessor<JobName.SendMail, SendOnceResult> implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly mail: MailDeliveryService,
    registry: JobHandlerRegistry,
  ) {
    super(QueueName.Mail, [JobName.SendMail], registry);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = MAIL_CONCURRENCY;
  }

  protected async handle(job: TypedJob<JobName.SendMail>): Promise<SendOnceResult> {
    const payload = job.data;
    // The job id holds the email's lease: a later run of this job may take over a lease an
    // earlier, crashed run left behind (BullMQ runs one job id on one worker at a time).
    const result = await this.mail.send(payload, job.id);
    // A held email is logged by MailSendLease (error level, with the cause).
    if (result === 'failed' || result === 'skipped') this.logger.warn({ ...payload, result }, 'mail not sent; reason recorded');
    return result;
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    // The outbox sweep queues the email again under the same id once the lost job is gone.
    if (isLostJob(job)) return discardLostJob(job);
    // The reason is the SMTP reply or a connection error: no message content.
    this.logger.warn({ ...(job.data as object), attempt: job.attemptsMade, reason: error.message }, 'mail send failed; will retry');
  }
}
