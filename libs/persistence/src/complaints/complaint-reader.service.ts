import { Injectable } from '@nestjs/common';
import type { ComplaintStatus } from '@app/domain';
import { effectiveClassification, type EffectiveClassification } from '@app/domain/review';
import { ComplaintRepository, type RelatedView, type RoutedView } from '../repositories/complaint.repository';
import { ReviewRepository } from '../repositories/review.repository';
import { reviewView, type ReviewView } from './review-view';

/** Who is reading: a body sees its own complaints; the Ombudsman every body's. */
export interface ComplaintReaderViewer {
  organisationId: string;
  isOmbudsman: boolean;
}

export interface RelatedReading {
  /** Null when the linked case is another body's and the reader is not the Ombudsman. */
  id: string | null;
  sameOrganisation: boolean;
  rule: string;
  similarity: number | null;
}

/** One complaint as `GET /v1/complaints/:id` answers it and the web app's case page starts from. */
export interface ComplaintReading {
  id: string;
  reference: string;
  version: number;
  status: ComplaintStatus;
  failureReason: string | null;
  /** The labels in force (a review's win over the model's), with `source` saying whose. */
  classification: EffectiveClassification | null;
  review: ReviewView | null;
  duplicateOf: string | null;
  dedupReason: Record<string, unknown> | null;
  related: RelatedReading[];
  learningSummary: string | null;
  routedTo: RoutedView[];
}

/**
 * Builds the view of one complaint, only for an organisation allowed to see it. Shared by the
 * API and the web app, so both apply the same visibility rules to links and labels.
 */
@Injectable()
export class ComplaintReader {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly reviews: ReviewRepository,
  ) {}

  async read(id: string, viewer: ComplaintReaderViewer): Promise<ComplaintReading | null> {
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
function mayKnowLink(link: RelatedView, viewer: ComplaintReaderViewer): boolean {
  return link.rule !== 'same-complainant' || viewer.isOmbudsman || link.organisationId === viewer.organisationId;
}
