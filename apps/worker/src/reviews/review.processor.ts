import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { SafeMessageError, toSafeError } from '@app/config';
import { ApplyReviewPayload, JobName, QueueName } from '@app/contracts';
import { JobHandlerRegistry } from '../jobs/job-handler.registry';
import { isLostJob, lostJobError } from '../jobs/lost-job';
import { WORKER_OPTIONS } from '../jobs/worker-options';
import { ReviewApplied, ReviewApplyService } from './review-apply.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Glue: validates the payload and applies the review (see ReviewApplyService). */
@Processor(QueueName.Reviews, WORKER_OPTIONS)
export class ReviewProcessor extends WorkerHost {
  constructor(
    private readonly reviews: ReviewApplyService,
    registry: JobHandlerRegistry,
  ) {
    super();
    registry.register(JobName.ApplyReview);
  }

  async process(job: Job): Promise<ReviewApplied> {
    if (isLostJob(job)) throw lostJobError(job);
    if (job.name !== JobName.ApplyReview) throw new SafeMessageError(`unexpected job ${job.name} on ${QueueName.Reviews}`);
    const payload = parsePayload(job.data);
    return this.reviews.apply(payload.complaintId).catch((error: unknown) => {
      throw toSafeError(error);
    });
  }
}

function parsePayload(data: unknown): ApplyReviewPayload {
  const payload = data as Partial<ApplyReviewPayload> | null;
  if (typeof payload?.complaintId !== 'string' || !UUID.test(payload.complaintId) || !Number.isSafeInteger(payload.revision)) {
    throw new SafeMessageError('invalid apply-review payload');
  }
  return { complaintId: payload.complaintId, revision: payload.revision as number };
}
