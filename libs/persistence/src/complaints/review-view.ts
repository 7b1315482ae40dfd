import type { Severity, ThemeId } from '@app/domain';
import type { ReviewRow } from '../repositories/review.repository';

/** A stored review as the API and the web app show it (docs/reviews.md). */
export interface ReviewView {
  themes: ThemeId[];
  severity: Severity;
  note: string | null;
  /** What the classifier said when the review was written. */
  model: { themes: ThemeId[]; severity: Severity; version: string };
  reviewer: { organisationId: string; keyId: string | null; contactId: string | null };
  createdAt: string;
  updatedAt: string;
}

export function reviewView(review: ReviewRow): ReviewView {
  return {
    themes: review.themes,
    severity: review.severity,
    note: review.note,
    model: { themes: review.modelThemes, severity: review.modelSeverity, version: review.modelVersion },
    reviewer: { organisationId: review.reviewerOrganisationId, keyId: review.reviewerKeyId, contactId: review.reviewerContactId },
    createdAt: new Date(review.createdAt).toISOString(),
    updatedAt: new Date(review.updatedAt).toISOString(),
  };
}
