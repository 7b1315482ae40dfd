import { Injectable } from '@nestjs/common';
import { SubjectAccessRepository, SubjectComplaint, SubjectLink, SubjectRecords } from '@app/persistence';
import type { ComplainantScope } from './complainant-scope';
import type { SubjectAccessExportDto, SubjectComplaintDto, SubjectReviewDto } from './privacy.dto';

/**
 * Builds the subject access export (UK GDPR art. 15) for what the caller may see. Another
 * body's case linked to this person is shown to a body as anonymised text-similarity only
 * (never a same-complainant link), as in `GET /v1/complaints/:id`.
 */
@Injectable()
export class SubjectAccessService {
  constructor(private readonly records: SubjectAccessRepository) {}

  async export(scope: ComplainantScope, seesAllBodies: boolean): Promise<SubjectAccessExportDto> {
    const found = await this.records.find(scope.hashes, scope.organisationId);
    return {
      generatedAt: new Date().toISOString(),
      organisationId: scope.organisationId ?? null,
      complaints: found.complaints.map((complaint) => toComplaint(complaint, found, seesAllBodies)),
    };
  }
}

function reviewOf(complaintId: string, found: SubjectRecords): SubjectReviewDto | null {
  const review = found.reviews.find((r) => r.complaintId === complaintId);
  if (!review) return null;
  const { complaintId: _, ...fields } = review;
  return fields;
}

function toComplaint(c: SubjectComplaint, found: SubjectRecords, seesAllBodies: boolean): SubjectComplaintDto {
  const visible = (link: SubjectLink) => seesAllBodies || link.rule !== 'same-complainant' || link.organisationId === c.organisationId;
  return {
    id: c.id,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    reference: c.reference,
    version: c.version,
    status: c.status,
    receivedAt: c.receivedAt,
    closedAt: c.closedAt,
    acceptedAt: c.acceptedAt,
    processedAt: c.processedAt,
    serviceArea: c.serviceArea,
    channel: c.channel,
    stage: c.stage,
    outcome: c.outcome,
    remedies: c.remedies,
    rawText: c.rawTextDroppedAt === null ? { summary: c.summary, learning: c.learning } : null,
    rawTextDroppedAt: c.rawTextDroppedAt,
    redactedText: { summary: c.redactedSummary, learning: c.redactedLearning },
    classification: c.classification,
    learningSummary: c.learningSummary,
    duplicateOf: c.duplicateOf,
    dedupReason: c.dedupReason,
    links: found.links
      .filter((link) => link.complaintId === c.id && visible(link))
      .map((link) => ({
        relatedId: seesAllBodies || link.organisationId === c.organisationId ? link.relatedId : null,
        sameOrganisation: link.organisationId === c.organisationId,
        rule: link.rule,
        similarity: link.similarity,
      })),
    deliveries: found.deliveries
      .filter((d) => d.complaintId === c.id)
      .map((d) => ({ organisationId: d.organisationId, mode: d.mode, shared: d.shared, createdAt: d.createdAt, sentAt: d.sentAt })),
    review: reviewOf(c.id, found),
  };
}
