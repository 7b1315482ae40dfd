import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobName, JobQueues, processComplaintJobId, QueueName } from '@app/contracts';
import { ComplaintRepository } from '@app/persistence';
import { SchedulerKeeper } from '../jobs/scheduler-keeper';
import { JobHandlerRegistry } from '../jobs/job-handler.registry';
import { freeOrphanedJobs } from '../jobs/lost-job';

const REDRIVE_BATCH = 5_000;
/** Re-driven records per sweep whose queued job is checked for being orphaned. */
const ORPHAN_CHECKS = 100;

/**
 * The re-drive: PostgreSQL is the source of truth, so records left `received` or
 * `processing` too long (Redis lost its data, a job was dropped) are queued again under
 * their deterministic job id; a job still waiting in Redis is not duplicated.
 */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedulers: SchedulerKeeper;
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    registry: JobHandlerRegistry,
    private readonly complaints: ComplaintRepository,
    private readonly queues: JobQueues,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    registry.register(JobName.RedriveComplaints);
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
  }

  async process(job: Job): Promise<{ requeued: number }> {
    if (job.name !== JobName.RedriveComplaints) throw new Error(`unexpected job ${job.name} on ${QueueName.Maintenance}`);
    let requeued = 0;
    for (;;) {
      const stale = await this.complaints.takeStale(this.config.redriveAfterSeconds, REDRIVE_BATCH);
      if (stale.length === 0) break;
      // The oldest few are checked for jobs orphaned by a Redis data loss (each costs two
      // round trips; under a backlog they are simply waiting, and left alone).
      const freed = await freeOrphanedJobs(this.queues.queue(QueueName.Complaints), stale.slice(0, ORPHAN_CHECKS).map(processComplaintJobId));
      if (freed.length > 0) this.logger.warn({ jobIds: freed }, 'complaint jobs stuck in Redis without being processed; queueing them again');
      await this.queues.addBulk(
        JobName.ProcessComplaint,
        stale.map((data) => ({ data, jobId: processComplaintJobId(data) })),
      );
      requeued += stale.length;
      if (stale.length < REDRIVE_BATCH) break;
    }
    if (requeued > 0) this.logger.log({ requeued }, 're-drive queued unfinished complaints again');
    return { requeued };
  }
}
