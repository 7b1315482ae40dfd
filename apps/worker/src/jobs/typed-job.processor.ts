import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { SafeMessageError } from '@app/config';
import { AnyJob, JOB_PAYLOAD, JOB_QUEUE, JobName, QueueName } from '@app/contracts';
import { JobHandlerRegistry } from './job-handler.registry';
import { isLostJob, lostJobError } from './lost-job';

/** A job of one of the names `N`, its payload validated; `id` is BullMQ's job id. */
export type TypedJob<N extends JobName> = Extract<AnyJob, { name: N }> & { id: string | undefined };

/**
 * The one way a processor takes a job from Redis. Before `handle` sees it, a job is checked
 * three ways: lost in Redis (no name or data) → failed for good, never retried (lost-job.ts);
 * a name this processor does not handle → a safe error; a payload its contract validator
 * refuses → a safe error naming the field. So `handle` is glue over a typed job: call one
 * service, return.
 */
export abstract class TypedJobProcessor<N extends JobName, R> extends WorkerHost {
  private readonly names: ReadonlySet<string>;

  protected constructor(
    private readonly queueName: QueueName,
    names: readonly N[],
    registry: JobHandlerRegistry,
  ) {
    super();
    // A programming error, caught at start-up: a job is only ever added to its own queue.
    const stray = names.filter((name) => JOB_QUEUE[name] !== queueName);
    if (stray.length > 0) throw new Error(`job(s) ${stray.join(', ')} do not belong to queue ${queueName}`);
    this.names = new Set(names);
    registry.register(...names);
  }

  async process(job: Job): Promise<R> {
    return this.handle(this.accept(job));
  }

  protected abstract handle(job: TypedJob<N>): Promise<R>;

  /** The job, typed and validated, or the error it fails with. */
  accept(job: Job): TypedJob<N> {
    if (isLostJob(job)) throw lostJobError(job);
    // The name is left out: a job that is not ours carries text nobody checked.
    if (!this.names.has(job.name)) throw new SafeMessageError(`unexpected job on ${this.queueName}: not one of ${[...this.names].join(', ')}`);
    const name = job.name as N;
    const data = JOB_PAYLOAD[name](job.data);
    return { name, data, id: job.id } as TypedJob<N>;
  }
}
