import { Injectable, Logger } from '@nestjs/common';
import { applyReviewJobId, JobName, JobQueues, type ApplyReviewPayload } from '@app/contracts';
import type { ReviewLabels } from '@app/domain/review';
import type { AuditActor } from '../repositories/audit.repository';
import { ReviewRepository, type Reviewer, type ReviewViewer } from '../repositories/review.repository';
import { reviewView, type ReviewView } from './review-view';

export type ReviewPutOutcome =
  /** `queued: false`: the review is committed but Redis refused the apply job; the same request again queues it. */
  | { kind: 'stored'; review: ReviewView; created: boolean; queued: boolean }
  | { kind: 'not-found' }
  | { kind: 'not-classified' };

export type ReviewRemoveOutcome = { kind: 'removed'; queued: boolean } | { kind: 'not-found' };

/**
 * Stores and removes reviews and queues the re-route and recount each change needs
 * (docs/reviews.md). The one implementation behind `PUT`/`DELETE /v1/complaints/:id/review`
 * and the web app's case page; each caller turns the outcome into its own answer.
 */
@Injectable()
export class ComplaintReviewService {
  private readonly logger = new Logger(ComplaintReviewService.name);

  constructor(
    private readonly reviews: ReviewRepository,
    private readonly queues: JobQueues,
  ) {}

  async put(complaintId: string, reviewer: Reviewer, labels: ReviewLabels, actor: AuditActor): Promise<ReviewPutOutcome> {
    const result = await this.reviews.put(complaintId, reviewer, labels, actor);
    if (result.kind !== 'stored') return result;
    const queued = await this.enqueue({ complaintId, revision: new Date(result.review.updatedAt).getTime() });
    return { kind: 'stored', review: reviewView(result.review), created: result.created, queued };
  }

  async remove(complaintId: string, viewer: ReviewViewer, actor: AuditActor): Promise<ReviewRemoveOutcome> {
    const removed = await this.reviews.remove(complaintId, viewer, actor);
    if (!removed) return { kind: 'not-found' };
    return { kind: 'removed', queued: await this.enqueue({ complaintId, revision: Date.now() }) };
  }

  /** The change is committed before this: PUT and DELETE are idempotent, so a retry queues what failed here. */
  private async enqueue(payload: ApplyReviewPayload): Promise<boolean> {
    try {
      await this.queues.addBulk(JobName.ApplyReview, [{ data: payload, jobId: applyReviewJobId(payload) }]);
      return true;
    } catch {
      this.logger.warn({ complaintId: payload.complaintId }, 'review stored, re-route not queued');
      return false;
    }
  }
}
