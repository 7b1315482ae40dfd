import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, AppConfig, toSafeError } from '@app/config';
import { JobName, ProcessComplaintPayload, processComplaintPayload, QueueName } from '@app/contracts';
import { ComplaintRepository } from '@app/persistence';
import { JobHandlerRegistry } from '../jobs/job-handler.registry';
import { discardLostJob, isLostJob } from '../jobs/lost-job';
import { MicroBatcher } from '../jobs/micro-batcher';
import { TypedJob, TypedJobProcessor } from '../jobs/typed-job.processor';
import { ComplaintPipelineService, PipelineOutcome } from './complaint-pipeline.service';
import { WORKER_OPTIONS } from '../jobs/worker-options';

/** Glue: validates the payload, hands it to the pipeline (batched), records final failures. */
@Processor(QueueName.Complaints, WORKER_OPTIONS)
export class ComplaintProcessor extends TypedJobProcessor<JobName.ProcessComplaint, PipelineOutcome> implements OnApplicationBootstrap {
  private readonly logger = new Logger(ComplaintProcessor.name);
  private readonly batcher: MicroBatcher<ProcessComplaintPayload, PipelineOutcome>;

  constructor(
    pipeline: ComplaintPipelineService,
    registry: JobHandlerRegistry,
    private readonly complaints: ComplaintRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(QueueName.Complaints, [JobName.ProcessComplaint], registry);
    this.batcher = new MicroBatcher((jobs) => pipeline.processBatch(jobs), {
      maxSize: config.workerConcurrency,
      maxWaitMs: 5,
      // Two batches: one analysed on the CPU while the other waits on PostgreSQL.
      maxInFlight: 2,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

  protected handle(job: TypedJob<JobName.ProcessComplaint>): Promise<PipelineOutcome> {
    // BullMQ keeps the thrown message as `failedReason` and the stack in Redis, and hands both
    // to every listener: only a reason free of submitted content may leave this method.
    return this.batcher.submit(job.data).catch((error: unknown) => {
      throw toSafeError(error);
    });
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    // `error.message` is safe to log and store: `process` only throws messages written here,
    // and BullMQ's own failures (a job stalled too often) are its fixed texts.
    if (isLostJob(job)) return discardLostJob(job);
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    // An event handler must never throw; a payload that is not ours is left to the re-drive.
    let payload: ProcessComplaintPayload;
    try {
      payload = processComplaintPayload(job.data);
    } catch {
      this.logger.warn({ jobId: job.id, reason: error.message }, 'failed job without a valid payload; left to the re-drive');
      return;
    }
    this.logger.warn({ complaintId: payload.complaintId, version: payload.version, reason: error.message }, 'complaint failed');
    // If this write is lost too, the re-drive queues the record again and it fails again here.
    await this.complaints.markFailed(payload.complaintId, payload.version, error.message, job.attemptsMade).catch(() => undefined);
  }
}
