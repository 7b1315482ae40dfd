import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobName, JobQueues, QueueName } from '@app/contracts';
import { ComplaintRepository, RetentionRepository } from '@app/persistence';
import { SchedulerKeeper } from '../jobs/scheduler-keeper';
import { JobHandlerRegistry } from '../jobs/job-handler.registry';
import { TypedJob, TypedJobProcessor } from '../jobs/typed-job.processor';
import { dropExpiredRawText } from './raw-text-retention';
import { redriveStaleComplaints } from './redrive';
import { WORKER_OPTIONS } from '../jobs/worker-options';

/**
 * Two sweeps. Retention: raw complaint text older than RAW_TEXT_RETENTION_DAYS after
 * processing is replaced by its redacted copy (`dropExpiredRawText`).
 * The re-drive: PostgreSQL is the source of truth, so records left `received` or
 * `processing` too long (Redis lost its data, a job was dropped) are queued again under
 * their deterministic job id; a job still waiting in Redis is not duplicated. See
 * `redriveStaleComplaints` for what "too long" means under a backlog.
 * The other upkeep (outbox sweep, learning refresh) runs on the digests queue: ScheduledUpkeepService.
 */
type MaintenanceJob = JobName.RedriveComplaints | JobName.DropRawText;

@Processor(QueueName.Maintenance, WORKER_OPTIONS)
export class MaintenanceProcessor extends TypedJobProcessor<MaintenanceJob, { requeued: number } | { dropped: number }> implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedulers: SchedulerKeeper;
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    registry: JobHandlerRegistry,
    private readonly complaints: ComplaintRepository,
    private readonly retention: RetentionRepository,
    private readonly queues: JobQueues,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(QueueName.Maintenance, [JobName.RedriveComplaints, JobName.DropRawText], registry);
    this.schedulers = new SchedulerKeeper(() => this.ensureSchedulers(), config.schedulerRefreshSeconds * 1000);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedulers.start();
  }

  onModuleDestroy(): void {
    this.schedulers.stop();
  }

  private async ensureSchedulers(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      JobName.RedriveComplaints,
      { every: this.config.redriveIntervalSeconds * 1000 },
      { name: JobName.RedriveComplaints, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    );
    await this.maintenance.upsertJobScheduler(
      JobName.DropRawText,
      { every: this.config.rawTextRetentionSweepSeconds * 1000 },
      { name: JobName.DropRawText, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    );
  }

  protected handle(job: TypedJob<MaintenanceJob>): Promise<{ requeued: number } | { dropped: number }> {
    return job.name === JobName.DropRawText ? this.dropRawText() : this.redrive();
  }

  private async redrive(): Promise<{ requeued: number }> {
    const { requeued, freed } = await redriveStaleComplaints(this.complaints, this.queues.queue(QueueName.Complaints), this.config.redriveAfterSeconds);
    if (freed.length > 0) this.logger.warn({ jobIds: freed }, 'complaint jobs stuck in Redis without being processed; queued them again');
    if (requeued > 0) this.logger.log({ requeued }, 're-drive queued unfinished complaints again');
    return { requeued };
  }

  private async dropRawText(): Promise<{ dropped: number }> {
    const dropped = await dropExpiredRawText(this.retention, this.config.rawTextRetentionDays);
    if (dropped > 0) this.logger.log({ dropped, retentionDays: this.config.rawTextRetentionDays }, 'raw complaint text past retention dropped');
    return { dropped };
  }
}
