import { HttpStatus, Injectable } from '@nestjs/common';
import type { ReviewLabels } from '@app/domain/review';
import { ReviewRepository, type AuditActor, type Reviewer, type ReviewViewer } from '@app/persistence';
import { ComplaintReviewService } from '@app/persistence/complaints';
import { ApiError } from '../common/api-error';
import type { QueueItemDto, ReviewViewDto } from './review.dto';

export const MAX_QUEUE_LIMIT = 100;
export const DEFAULT_QUEUE_LIMIT = 20;

/** The API's answers for reviews: the work is ComplaintReviewService's (shared with the web app). */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly reviewing: ComplaintReviewService,
    private readonly reviews: ReviewRepository,
  ) {}

  async put(complaintId: string, reviewer: Reviewer, labels: ReviewLabels, actor: AuditActor): Promise<{ review: ReviewViewDto; created: boolean }> {
    const result = await this.reviewing.put(complaintId, reviewer, labels, actor);
    if (result.kind === 'not-found') throw new ApiError(HttpStatus.NOT_FOUND, 'Complaint not found');
    if (result.kind === 'not-classified') {
      throw new ApiError(HttpStatus.CONFLICT, 'The complaint has not been classified yet; review it once it is processed', [
        { field: 'id', message: 'the complaint has no model labels yet' },
      ]);
    }
    if (!result.queued) throw notQueued();
    return { review: result.review, created: result.created };
  }

  async remove(complaintId: string, viewer: ReviewViewer, actor: AuditActor): Promise<void> {
    const result = await this.reviewing.remove(complaintId, viewer, actor);
    if (result.kind === 'not-found') throw new ApiError(HttpStatus.NOT_FOUND, 'Review not found');
    if (!result.queued) throw notQueued();
  }

  async queue(viewer: ReviewViewer, limit: number): Promise<QueueItemDto[]> {
    const items = await this.reviews.queue(viewer, limit);
    return items.map((item) => ({ ...item, receivedAt: new Date(item.receivedAt).toISOString() }));
  }
}

/** The change is committed: the caller sends the same (idempotent) request again, which queues it then. */
function notQueued(): ApiError {
  return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'The review is stored but re-routing could not be queued; send the same request again');
}
