import { Injectable, Logger } from '@nestjs/common';
import { matchingRules, resolveRecipients } from '@app/domain/routing';
import { ReviewRoutingRepository, type PlannedDelivery, type RoutingInputs, type RoutingSubject } from '@app/persistence';
import { LearningRefreshService } from '../maintenance/learning-refresh.service';

export interface ReviewApplied {
  /** False when the complaint is gone (erased) or not routable now (not processed: the pipeline routes it). */
  routed: boolean;
  added: number;
  removed: number;
  /** Days of the learning rollup recomputed at once (0 if a scheduled refresh was running: it picks the change up). */
  days: number;
}

/**
 * After a review is stored or removed: the labels in force are the review's (or the
 * model's), the complaint is routed again by them, and the learning rollup and rising
 * themes are recomputed. Idempotent: running it twice adds nothing the first run added.
 */
@Injectable()
export class ReviewApplyService {
  private readonly logger = new Logger(ReviewApplyService.name);

  constructor(
    private readonly routing: ReviewRoutingRepository,
    private readonly learning: LearningRefreshService,
  ) {}

  async apply(complaintId: string): Promise<ReviewApplied> {
    const routed = await this.routing.inRoutingLock(async (tx) => {
      const subject = await tx.reconcileLabels(complaintId);
      // A duplicate teaches nothing new and is never routed; a complaint still being processed
      // is routed by the pipeline, which reads reviews under the same lock.
      if (!subject || subject.status !== 'processed' || subject.severity === null) return null;
      const inputs = await tx.loadRoutingInputs(subject.organisationId, subject.themes);
      return tx.replaceDeliveries(complaintId, plan(subject, inputs));
    });
    // The review listed the complaint in learning_recount; this refresh (or the next scheduled one) counts it.
    const refreshed = await this.learning.refresh();
    const result = { routed: routed !== null, added: routed?.added ?? 0, removed: routed?.removed ?? 0, days: refreshed.days };
    this.logger.log({ complaintId, ...result }, 'review applied');
    return result;
  }
}

function plan(subject: RoutingSubject, inputs: RoutingInputs): PlannedDelivery[] {
  const submitter = inputs.organisations.get(subject.organisationId);
  if (!submitter || subject.severity === null) return [];
  const facts = {
    organisationId: subject.organisationId,
    sector: submitter.sector,
    serviceArea: subject.serviceArea,
    themes: subject.themes,
    severity: subject.severity,
    outcome: subject.outcome,
  };
  const rules = matchingRules(inputs.rules, facts);
  return resolveRecipients(rules, facts, { contacts: inputs.contacts }).map((delivery) => ({ ...delivery, sourceOrganisationId: subject.organisationId }));
}
