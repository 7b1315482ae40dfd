import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Outcome, Remedy, Stage } from '@app/domain';
import type { AuditActor } from './audit.repository';
import { queryRows } from './query-rows';

/** Who is reading: a body sees its own complaints; the Ombudsman every body's. */
export interface ComplaintCaseViewer {
  organisationId: string;
  isOmbudsman: boolean;
}

/** What a case page shows beside `ComplaintReader`'s view: the record's facts and its redacted text. */
export interface ComplaintCaseDetails {
  id: string;
  organisationId: string;
  organisationName: string;
  receivedAt: Date;
  closedAt: Date | null;
  serviceArea: string;
  channel: string | null;
  stage: Stage;
  outcome: Outcome;
  remedies: Remedy[];
  /** Null until the pipeline has redacted it: the submitted text is never shown. */
  redactedSummary: string | null;
  version: number;
  /** The version the pipeline last finished, null before the first. */
  processedVersion: number | null;
  acceptedAt: Date;
  statusChangedAt: Date;
  processedAt: Date | null;
}

/** One routed delivery of the complaint: to whom, how, and whether it went. */
export interface CaseDelivery {
  organisationId: string;
  organisationName: string;
  contactName: string;
  contactEmail: string;
  mode: 'immediate' | 'digest';
  shared: boolean;
  createdAt: Date;
  sentAt: Date | null;
}

/** A linked case's reference, for a link the reader may follow. */
export interface CaseReference {
  id: string;
  reference: string;
  organisationName: string;
}

/** A recorded change to the complaint (a review written or removed, a merge, ...). */
export interface CaseEvent {
  at: Date;
  action: string;
  actorKind: AuditActor['kind'];
  detail: Record<string, unknown>;
}

export const CASE_EVENT_LIMIT = 50;

/**
 * Reads for the web app's case page that `GET /v1/complaints/:id` does not need. Every read is
 * scoped to the viewer: a body gets nothing of another body's complaint, as if it did not exist.
 */
@Injectable()
export class ComplaintCaseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async details(id: string, viewer: ComplaintCaseViewer): Promise<ComplaintCaseDetails | null> {
    const rows = await queryRows<ComplaintCaseDetails>(
      this.db,
      `SELECT c.id, c.organisation_id AS "organisationId", o.name AS "organisationName", c.received_at AS "receivedAt",
              c.closed_at AS "closedAt", c.service_area AS "serviceArea", c.channel, c.stage, c.outcome, c.remedies,
              c.redacted_summary AS "redactedSummary", c.version, c.processed_version AS "processedVersion",
              c.accepted_at AS "acceptedAt", c.status_changed_at AS "statusChangedAt", c.processed_at AS "processedAt"
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id
        WHERE c.id = $1 AND (c.organisation_id = $2 OR $3)`,
      [id, viewer.organisationId, viewer.isOmbudsman],
    );
    return rows[0] ?? null;
  }

  /**
   * Every delivery of the complaint with its contact's name and address. Unscoped: call it only
   * for a complaint `details` returned to this viewer, and show another body's contacts to the
   * Ombudsman alone (the case page counts them for a body).
   */
  async deliveries(id: string): Promise<CaseDelivery[]> {
    return queryRows<CaseDelivery>(
      this.db,
      `SELECT d.organisation_id AS "organisationId", o.name AS "organisationName", ct.name AS "contactName",
              ct.email AS "contactEmail", d.mode, d.shared, d.created_at AS "createdAt", d.sent_at AS "sentAt"
         FROM delivery d JOIN contact ct ON ct.id = d.contact_id JOIN organisation o ON o.id = d.organisation_id
        WHERE d.complaint_id = $1
        ORDER BY d.mode, o.name, ct.name`,
      [id],
    );
  }

  /** References of the given complaints the viewer may open (its own, or any for the Ombudsman); others are left out. */
  async referencesOf(ids: string[], viewer: ComplaintCaseViewer): Promise<CaseReference[]> {
    if (ids.length === 0) return [];
    return queryRows<CaseReference>(
      this.db,
      `SELECT c.id, c.reference, o.name AS "organisationName"
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id
        WHERE c.id = ANY($1::uuid[]) AND (c.organisation_id = $2 OR $3)`,
      [ids, viewer.organisationId, viewer.isOmbudsman],
    );
  }

  /**
   * The audit trail of one complaint, newest first. Found through the owning body's audit index
   * (every complaint event names its organisation), then narrowed to the complaint.
   */
  async events(id: string, organisationId: string): Promise<CaseEvent[]> {
    return queryRows<CaseEvent>(
      this.db,
      `SELECT at, action, actor_kind AS "actorKind", detail
         FROM audit_event
        WHERE organisation_id = $2 AND subject_type = 'complaint' AND subject_id = $1::text
        ORDER BY at DESC, id DESC
        LIMIT ${CASE_EVENT_LIMIT}`,
      [id, organisationId],
    );
  }
}
