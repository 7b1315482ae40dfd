import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from './query-rows';

export interface SubjectLink {
  complaintId: string;
  relatedId: string;
  organisationId: string;
  rule: string;
  similarity: number | null;
}

export interface SubjectDelivery {
  complaintId: string;
  organisationId: string;
  mode: string;
  shared: boolean;
  createdAt: Date;
  sentAt: Date | null;
}

/** A person's correction of a complaint's labels: held about the complaint, so part of the export. */
export interface SubjectReview {
  complaintId: string;
  reviewerOrganisationId: string;
  themes: string[];
  severity: string;
  note: string | null;
  modelThemes: string[];
  modelSeverity: string;
  reviewedAt: Date;
}

export interface SubjectComplaint {
  id: string;
  organisationId: string;
  organisationName: string;
  reference: string;
  version: number;
  status: string;
  receivedAt: Date;
  closedAt: Date | null;
  acceptedAt: Date;
  processedAt: Date | null;
  serviceArea: string;
  channel: string | null;
  stage: string;
  outcome: string;
  remedies: string[];
  /** Null once the retention job dropped it (`rawTextDroppedAt`). */
  summary: string | null;
  learning: string | null;
  rawTextDroppedAt: Date | null;
  redactedSummary: string | null;
  redactedLearning: string | null;
  classification: unknown;
  learningSummary: string | null;
  duplicateOf: string | null;
  dedupReason: unknown;
}

export interface SubjectRecords {
  complaints: SubjectComplaint[];
  links: SubjectLink[];
  deliveries: SubjectDelivery[];
  reviews: SubjectReview[];
}

/**
 * Everything held about one person (UK GDPR art. 15), found by complainant hash. Raw text
 * is given only while it is still held: after retention the row holds the redacted copy in
 * its place, which is reported as redacted, not as raw.
 */
@Injectable()
export class SubjectAccessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `organisationId` undefined: every body (Ombudsman, admin). */
  async find(complainantHashes: string[], organisationId?: string): Promise<SubjectRecords> {
    const complaints = await queryRows<SubjectComplaint>(
      this.db,
      `SELECT c.id, c.organisation_id AS "organisationId", o.name AS "organisationName", c.reference, c.version, c.status,
              c.received_at AS "receivedAt", c.closed_at AS "closedAt", c.accepted_at AS "acceptedAt", c.processed_at AS "processedAt",
              c.service_area AS "serviceArea", c.channel, c.stage, c.outcome, c.remedies,
              CASE WHEN c.raw_text_dropped_at IS NULL THEN c.summary END AS summary,
              CASE WHEN c.raw_text_dropped_at IS NULL THEN c.learning END AS learning,
              c.raw_text_dropped_at AS "rawTextDroppedAt", c.redacted_summary AS "redactedSummary",
              c.redacted_learning AS "redactedLearning", c.classification, c.learning_summary AS "learningSummary",
              c.duplicate_of AS "duplicateOf", c.dedup_reason AS "dedupReason"
       FROM complaint c JOIN organisation o ON o.id = c.organisation_id
       WHERE c.complainant_hash = ANY($1::text[]) AND ($2::uuid IS NULL OR c.organisation_id = $2)
       ORDER BY c.received_at, c.id`,
      [complainantHashes, organisationId ?? null],
    );
    const ids = complaints.map((c) => c.id);
    if (ids.length === 0) return { complaints, links: [], deliveries: [], reviews: [] };
    const [links, deliveries, reviews] = await Promise.all([
      queryRows<SubjectLink>(
        this.db,
        `SELECT l.complaint_id AS "complaintId", l.related_id AS "relatedId", r.organisation_id AS "organisationId", l.rule, l.similarity
         FROM complaint_link l JOIN complaint r ON r.id = l.related_id WHERE l.complaint_id = ANY($1::uuid[]) ORDER BY l.created_at`,
        [ids],
      ),
      queryRows<SubjectDelivery>(
        this.db,
        `SELECT complaint_id AS "complaintId", organisation_id AS "organisationId", mode, shared, created_at AS "createdAt", sent_at AS "sentAt"
         FROM delivery WHERE complaint_id = ANY($1::uuid[]) ORDER BY created_at`,
        [ids],
      ),
      queryRows<SubjectReview>(
        this.db,
        `SELECT complaint_id AS "complaintId", reviewer_organisation_id AS "reviewerOrganisationId", themes, severity, note,
                model_themes AS "modelThemes", model_severity AS "modelSeverity", updated_at AS "reviewedAt"
         FROM complaint_review WHERE complaint_id = ANY($1::uuid[])`,
        [ids],
      ),
    ]);
    return { complaints, links, deliveries, reviews };
  }
}
