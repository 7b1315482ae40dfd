import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobName } from '@app/contracts';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { TypedJob } from '../jobs/typed-job.processor';
import { LearningRefreshService } from './learning-refresh.service';

export const UPKEEP_JOBS = [JobName.DispatchMail, JobName.RefreshLearning] as const;
export type UpkeepJob = (typeof UPKEEP_JOBS)[number];

const SCHEDULED = { removeOnComplete: true, removeOnFail: true };

/**
 * The outbox sweep and the learning rollup refresh: their schedules and what each runs.
 * Their jobs are on the digests queue (the contract; test support and the schedulers
 * already in Redis know them there), so the digests queue's one consumer, DigestsProcessor,
 * installs and hands them over here; the maintenance queue's own jobs are MaintenanceProcessor's.
 */
@Injectable()
export class ScheduledUpkeepService {
  constructor(
    private readonly outbox: MailOutboxService,
    private readonly learning: LearningRefreshService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Keyed by job name, so every replica upserting them still yields one of each. */
  async ensureSchedulers(queue: Queue): Promise<void> {
    await queue.upsertJobScheduler(JobName.DispatchMail, { every: this.config.mailDispatchIntervalMs }, { name: JobName.DispatchMail, data: {}, opts: SCHEDULED });
    await queue.upsertJobScheduler(JobName.RefreshLearning, { every: this.config.learningRefreshIntervalMs }, { name: JobName.RefreshLearning, data: {}, opts: SCHEDULED });
  }

  handle(job: TypedJob<UpkeepJob>): Promise<unknown> {
    return job.name === JobName.DispatchMail ? this.outbox.sweep() : this.learning.refreshWhenDue();
  }
}
