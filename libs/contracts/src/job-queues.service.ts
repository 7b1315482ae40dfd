import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads, processComplaintJobId, QueueName, type ProcessComplaintPayload } from './queue.contract';

export interface EnqueueRequest<T extends JobName> {
  data: JobPayloads[T];
  jobId?: string;
  options?: Omit<JobsOptions, 'jobId'>;
}

/**
 * The only way jobs enter a queue. Completed and failed jobs are removed from Redis:
 * PostgreSQL keeps the outcome, and a removed id can be queued again by the re-drive.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/** `addBulk` entries: the default options, the caller's own, and the deterministic job id. */
export function bulkEntries<T extends JobName>(name: T, requests: Array<EnqueueRequest<T>>): Array<{ name: T; data: JobPayloads[T]; opts: JobsOptions }> {
  return requests.map((request) => ({ name, data: request.data, opts: { ...DEFAULT_JOB_OPTIONS, ...request.options, jobId: request.jobId } }));
}

/**
 * Complaint jobs under their deterministic ids, so a version already queued is not queued
 * twice. Also for code that holds the complaints queue itself (command-line tools, sweeps).
 */
export function processComplaintJobs(payloads: ProcessComplaintPayload[]): Array<{ name: JobName.ProcessComplaint; data: ProcessComplaintPayload; opts: JobsOptions }> {
  return bulkEntries(JobName.ProcessComplaint, payloads.map((data) => ({ data, jobId: processComplaintJobId(data) })));
}

@Injectable()
export class JobQueues {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Complaints) complaints: Queue,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Digests) digests: Queue,
    @InjectQueue(QueueName.Reviews) reviews: Queue,
  ) {
    this.queues = { [QueueName.Complaints]: complaints, [QueueName.Maintenance]: maintenance, [QueueName.Mail]: mail, [QueueName.Digests]: digests, [QueueName.Reviews]: reviews };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  async addBulk<T extends JobName>(name: T, requests: Array<EnqueueRequest<T>>): Promise<void> {
    if (requests.length === 0) return;
    await this.queues[JOB_QUEUE[name]].addBulk(bulkEntries(name, requests));
  }

  /** Queues complaint versions for processing (see `processComplaintJobs`). */
  async addComplaints(payloads: ProcessComplaintPayload[]): Promise<void> {
    if (payloads.length === 0) return;
    await this.queues[QueueName.Complaints].addBulk(processComplaintJobs(payloads));
  }
}
