import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Outcome, Severity, ThemeId } from '@app/domain';

/** Everything an immediate alert needs, loaded with the delivery locked. */
export interface AlertToSend {
  deliveryId: string;
  contactId: string;
  contactName: string;
  contactEmail: string;
  /** The recipient's organisation. */
  organisationName: string;
  complaintId: string;
  complaintStatus: string;
  reference: string;
  serviceArea: string;
  themes: ThemeId[];
  severity: Severity | null;
  outcome: Outcome;
  /** Redacted; null until the pipeline has written it. */
  learningSummary: string | null;
  receivedAt: Date;
  shared: boolean;
  includeBodyName: boolean;
  sourceOrganisationName: string;
}

/** What the send callback decided; `sent` records the Message-ID, `failed` the reason. */
export type SendDecision = { sent: string } | { failed: string } | { skip: string };
export type SendOnceResult = 'sent' | 'failed' | 'skipped' | 'already-done' | 'busy' | 'missing';

const ALERT_SQL = `
  SELECT d.id AS "deliveryId", d.contact_id AS "contactId", ct.name AS "contactName", ct.email AS "contactEmail",
         ro.name AS "organisationName", c.id AS "complaintId", c.status AS "complaintStatus", c.reference,
         c.service_area AS "serviceArea", c.themes, c.severity, c.outcome, c.learning_summary AS "learningSummary",
         c.received_at AS "receivedAt", d.shared, d.include_body_name AS "includeBodyName",
         so.name AS "sourceOrganisationName", d.sent_at AS "sentAt", d.failure_reason AS "failureReason"
  FROM delivery d
  JOIN contact ct ON ct.id = d.contact_id
  JOIN organisation ro ON ro.id = d.organisation_id
  JOIN organisation so ON so.id = d.source_organisation_id
  JOIN complaint c ON c.id = d.complaint_id
  WHERE d.id = $1 AND d.mode = 'immediate'
  FOR UPDATE OF d SKIP LOCKED`;

/** Sending state of deliveries (one routed learning item for one contact). */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Immediate deliveries not yet sent nor failed, oldest first (index delivery_unsent_immediate). */
  async unsentImmediate(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM delivery WHERE mode = 'immediate' AND sent_at IS NULL AND failure_reason IS NULL ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Sends one alert at most once. The delivery row stays locked while `send` talks to the
   * SMTP server and the outcome is written in the same transaction, so two workers never
   * send the same alert at once and an alert recorded as sent is never sent again. If
   * `send` throws (server down, 4xx), nothing is recorded and the job retries.
   */
  async sendOnce(deliveryId: string, send: (alert: AlertToSend) => Promise<SendDecision>): Promise<SendOnceResult> {
    return this.db.transaction(async (tx) => {
      const rows: Array<AlertToSend & { sentAt: Date | null; failureReason: string | null }> = await tx.query(ALERT_SQL, [deliveryId]);
      if (rows.length === 0) return (await exists(tx, 'delivery', deliveryId)) ? 'busy' : 'missing';
      const row = rows[0];
      if (row.sentAt || row.failureReason) return 'already-done';
      const decision = await send(row);
      if ('sent' in decision) {
        await tx.query(`UPDATE delivery SET sent_at = now(), message_id = $2 WHERE id = $1`, [deliveryId, decision.sent]);
        return 'sent';
      }
      const reason = 'failed' in decision ? decision.failed : `not sent: ${decision.skip}`;
      await tx.query(`UPDATE delivery SET failure_reason = $2 WHERE id = $1`, [deliveryId, reason.slice(0, 1000)]);
      return 'failed' in decision ? 'failed' : 'skipped';
    });
  }
}

export async function exists(tx: EntityManager, table: 'delivery' | 'digest' | 'ombudsman_mail', id: string): Promise<boolean> {
  const rows: unknown[] = await tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  return rows.length > 0;
}
