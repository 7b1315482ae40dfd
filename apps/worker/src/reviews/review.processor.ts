import { Processor } from '@nestjs/bullmq';
import { toSafeError } from '@app/config';
import { JobName, QueueName } from '@app/contracts';
import { JobHandlerRegistry } from '../jobs/job-handler.registry';
import { TypedJob, TypedJobProcessor } from '../jobs/typed-job.processor';
import { WORKER_OPTIONS } from '../jobs/worker-options';
import { ReviewApplied, ReviewApplyService } from './review-apply.service';

/** Glue: the payload validated (TypedJobProcessor), the review applied (see ReviewApplyService). */
@Processor(QueueName.Reviews, WORKER_OPTIONS)
export class ReviewProcessor extends TypedJobProcessor<JobName.ApplyReview, ReviewApplied> {
  constructor(
    private readonly reviews: ReviewApplyService,
    registry: JobHandlerRegistry,
  ) {
    super(QueueName.Reviews, [JobName.ApplyReview], registry);
  }

  protected handle(job: TypedJob<JobName.ApplyReview>): Promise<ReviewApplied> {
    return this.reviews.apply(job.data.complaintId).catch((error: unknown) => {
      throw toSafeError(error);
    });
  }
}
