import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobName, QueueName, RunDigestsPayload } from '@app/contracts';
import { SchedulerKeeper } from '../jobs/scheduler-keeper';
import { JobHandlerRegistry } from '../jobs/job-handler.registry';
import { TypedJob, TypedJobProcessor } from '../jobs/typed-job.processor';
import { ScheduledUpkeepService, UPKEEP_JOBS, UpkeepJob } from '../maintenance/scheduled-upkeep.service';
import { DigestRunService } from './digest-run.service';
import { WORKER_OPTIONS } from '../jobs/worker-options';

/** Sweeps, refreshes and digest runs are short; a few at once keep one from waiting on another. */
const DIGESTS_CONCURRENCY = 3;
const SCHEDULED = { removeOnComplete: true, removeOnFail: true };

type DigestsJob = JobName.RunDigests | UpkeepJob;

/**
 * Glue for the digests queue: installs the digest-run schedules and runs them; the upkeep
 * jobs on the same queue (outbox sweep, learning refresh) go to ScheduledUpkeepService.
 */
@Processor(QueueName.Digests, WORKER_OPTIONS)
export class DigestsProcessor extends TypedJobProcessor<DigestsJob, unknown> implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedulers: SchedulerKeeper;

  constructor(
    registry: JobHandlerRegistry,
    private readonly runs: DigestRunService,
    private readonly upkeep: ScheduledUpkeepService,
    @InjectQueue(QueueName.Digests) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(QueueName.Digests, [JobName.RunDigests, ...UPKEEP_JOBS], registry);
    this.schedulers = new SchedulerKeeper(() => this.ensureSchedulers(), config.schedulerRefreshSeconds * 1000);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = DIGESTS_CONCURRENCY;
    await this.schedulers.start();
  }

  onModuleDestroy(): void {
    this.schedulers.stop();
  }

  private async ensureSchedulers(): Promise<void> {
    const { digestDailyAt: daily, digestWeeklyAt: weekly, digestTimeZone: tz } = this.config;
    // Schedulers are keyed by id, so every replica upserting them still yields one of each.
    await this.queue.upsertJobScheduler('digests-daily', { pattern: `${daily.minute} ${daily.hour} * * *`, tz }, {
      name: JobName.RunDigests,
      data: { frequency: 'daily' } satisfies RunDigestsPayload,
      opts: SCHEDULED,
    });
    await this.queue.upsertJobScheduler('digests-weekly', { pattern: `${weekly.minute} ${weekly.hour} * * ${weekly.weekday % 7}`, tz }, {
      name: JobName.RunDigests,
      data: { frequency: 'weekly' } satisfies RunDigestsPayload,
      opts: SCHEDULED,
    });
    await this.upkeep.ensureSchedulers(this.queue);
  }

  protected async handle(job: TypedJob<DigestsJob>): Promise<unknown> {
    if (job.name !== JobName.RunDigests) return this.upkeep.handle(job);
    const result = await this.runs.run(job.data.frequency, job.data.asOf ? new Date(job.data.asOf) : new Date());
    return { period: result.period.key, queued: result.queued, ombudsmanQueued: result.ombudsmanQueued };
  }
}
