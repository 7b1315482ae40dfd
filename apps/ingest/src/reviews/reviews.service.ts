import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { applyReviewJobId, JobName, JobQueues, type ApplyReviewPayload } from '@app/contracts';
import type { ReviewLabels } from '@app/domain/review';
import { ReviewRepository, type AuditActor, type Reviewer, type ReviewViewer } from '@app/persistence';
import { ApiError } from '../common/api-error';
import type { QueueItemDto, ReviewViewDto } from './review.dto';
import { reviewView } from './review-view';

export const MAX_QUEUE_LIMIT = 100;
export const DEFAULT_QUEUE_LIMIT = 20;

/** Stores and removes reviews, and queues the re-route and recount each change needs. */
@Injectable()
export class ReviewsService {
  private readonly logger = new Logger(ReviewsService.name);

  constructor(
    private readonly reviews: ReviewRepository,
    private readonly queues: JobQueues,
  ) {}

  async put(complaintId: string, reviewer: Reviewer, labels: ReviewLabels, actor: AuditActor): Promise<{ review: ReviewViewDto; created: boolean }> {
    const result = await this.reviews.put(complaintId, reviewer, labels, actor);
    if (result.kind === 'not-found') throw new ApiError(HttpStatus.NOT_FOUND, 'Complaint not found');
    if (result.kind === 'not-classified') {
      throw new ApiError(HttpStatus.CONFLICT, 'The complaint has not been classified yet; review it once it is processed', [
        { field: 'id', message: 'the complaint has no model labels yet' },
      ]);
    }
    await this.enqueue({ complaintId, revision: new Date(result.review.updatedAt).getTime() });
    return { review: reviewView(result.review), created: result.created };
  }

  async remove(complaintId: string, viewer: ReviewViewer, actor: AuditActor): Promise<void> {
    const removed = await this.reviews.remove(complaintId, viewer, actor);
    if (!removed) throw new ApiError(HttpStatus.NOT_FOUND, 'Review not found');
    await this.enqueue({ complaintId, revision: Date.now() });
  }

  async queue(viewer: ReviewViewer, limit: number): Promise<QueueItemDto[]> {
    const items = await this.reviews.queue(viewer, limit);
    return items.map((item) => ({ ...item, receivedAt: new Date(item.receivedAt).toISOString() }));
  }

  /**
   * The change is committed before this: if Redis refuses the job, the caller is told to
   * send the same request again (PUT and DELETE are idempotent), which queues it then.
   */
  private async enqueue(payload: ApplyReviewPayload): Promise<void> {
    try {
      await this.queues.addBulk(JobName.ApplyReview, [{ data: payload, jobId: applyReviewJobId(payload) }]);
    } catch {
      this.logger.warn({ complaintId: payload.complaintId }, 'review stored, re-route not queued');
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'The review is stored but re-routing could not be queued; send the same request again');
    }
  }
}
