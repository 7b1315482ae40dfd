import { Injectable } from '@nestjs/common';
import { ComplaintRepository, ReviewRepository, type RelatedView } from '@app/persistence';
import { effectiveClassification, reviewView } from '../reviews/review-view';
import type { ComplaintViewDto } from './complaint-view.dto';

export interface Viewer {
  organisationId: string;
  isOmbudsman: boolean;
}

/** Builds the public view of one complaint, only for an organisation allowed to see it. */
@Injectable()
export class ComplaintReader {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly reviews: ReviewRepository,
  ) {}

  async read(id: string, viewer: Viewer): Promise<ComplaintViewDto | null> {
    const row = await this.complaints.findVisible(id, viewer);
    if (!row) return null;
    const review = await this.reviews.find(row.id);
    const mayIdentify = (organisationId: string) => viewer.isOmbudsman || organisationId === viewer.organisationId;
    return {
      id: row.id,
      reference: row.reference,
      version: row.version,
      status: row.status,
      failureReason: row.failureReason,
      // The labels in force (a review's win over the model's), with `source` saying whose.
      classification: effectiveClassification(row.classification, review),
      review: review ? reviewView(review) : null,
      duplicateOf: row.duplicateOf,
      dedupReason: row.dedupReason,
      // Another body's case is acknowledged, never identified: linking must not reveal who the person is.
      related: row.related.filter((link) => mayKnowLink(link, viewer)).map((link) => ({
        id: mayIdentify(link.organisationId) ? link.id : null,
        sameOrganisation: link.organisationId === row.organisationId,
        rule: link.rule,
        similarity: link.similarity,
      })),
      learningSummary: row.learningSummary,
      routedTo: row.routedTo,
    };
  }
}

/**
 * A same-complainant link says "this person complained elsewhere", which a body must not learn
 * about another body (it could probe with anyone's NHS number): only the Ombudsman sees such
 * links across bodies; a body sees them within itself. Text-similarity links stay, anonymised.
 */
function mayKnowLink(link: RelatedView, viewer: Viewer): boolean {
  return link.rule !== 'same-complainant' || viewer.isOmbudsman || link.organisationId === viewer.organisationId;
}
