import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { Outcome, Sector, Severity, ThemeId } from '@app/domain';
import { leaseColumns, LeasedMail, MailSendLease, notSentReason, SendDecision, SendOnceResult } from './mail-send-lease';
import { execute, queryRows, type IdRow } from './query-rows';

/** Everything an immediate alert needs, loaded when the delivery is claimed. */
export interface AlertToSend {
  deliveryId: string;
  contactId: string;
  contactName: string;
  contactEmail: string;
  /** The recipient's organisation. */
  organisationName: string;
  /** `ombudsman` or `public-body`: the Ombudsman keeps other bodies' learning summaries. */
  recipientKind: string;
  /** The submitting organisation's sector. */
  sourceSector: Sector;
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
  /** The contact followed an unsubscribe link: no email of any kind. */
  unsubscribed: boolean;
}

const DELIVERY_DONE = (alias: string): string => `${alias}.sent_at IS NOT NULL OR ${alias}.failure_reason IS NOT NULL`;

const ALERT_SQL = `
  SELECT d.id AS "deliveryId", d.contact_id AS "contactId", ct.name AS "contactName", ct.email AS "contactEmail",
         ro.name AS "organisationName", ro.kind AS "recipientKind", so.sector AS "sourceSector", c.id AS "complaintId", c.status AS "complaintStatus", c.reference,
         c.service_area AS "serviceArea", c.themes, c.severity, c.outcome, c.learning_summary AS "learningSummary",
         c.received_at AS "receivedAt", d.shared, d.include_body_name AS "includeBodyName",
         so.name AS "sourceOrganisationName", ct.unsubscribed_at IS NOT NULL AS unsubscribed,
         ${leaseColumns('d', DELIVERY_DONE('d'))}
  FROM delivery d
  JOIN contact ct ON ct.id = d.contact_id
  JOIN organisation ro ON ro.id = d.organisation_id
  JOIN organisation so ON so.id = d.source_organisation_id
  JOIN complaint c ON c.id = d.complaint_id
  WHERE d.id = $1 AND d.mode = 'immediate'
  FOR UPDATE OF d SKIP LOCKED`;

/** An immediate alert: the delivery row records its state (`sent_at`, `message_id`, `failure_reason`). */
const ALERT: LeasedMail<AlertToSend> = {
  table: 'delivery',
  kind: 'alert',
  done: DELIVERY_DONE,
  load: ALERT_SQL,
  async record(tx, id, decision) {
    if ('sent' in decision) {
      await execute(tx, `UPDATE delivery SET sent_at = now(), message_id = $2 WHERE id = $1`, [id, decision.sent]);
    } else {
      const reason = 'failed' in decision ? decision.failed.slice(0, 1000) : notSentReason(decision);
      await execute(tx, `UPDATE delivery SET failure_reason = $2 WHERE id = $1`, [id, reason]);
    }
  },
};

/** Sending state of deliveries (one routed learning item for one contact). */
@Injectable()
export class DeliveryRepository {
  private readonly lease: MailSendLease;

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.lease = new MailSendLease(db, { inDoubt: config.mailInDoubt });
  }

  /**
   * Immediate deliveries not yet sent nor failed and not claimed by a live sender, oldest
   * first (index delivery_unsent_immediate).
   */
  async unsentImmediate(limit: number): Promise<string[]> {
    const rows = await queryRows<IdRow>(
      this.db,
      `SELECT id FROM delivery
       WHERE mode = 'immediate' AND sent_at IS NULL AND failure_reason IS NULL AND (sending_until IS NULL OR sending_until <= now())
       ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Sends one alert at most once: claimed under a lease, sent outside any transaction, the
   * outcome recorded afterwards (retried until it lands); see MailSendLease. If `send`
   * throws (server down, 4xx), nothing is recorded, the lease is released and the job retries.
   * An alert found in doubt is held or sent again per MAIL_IN_DOUBT (result `held`).
   * `holder` is the send-mail job id (a crashed run's lease is taken over by its job's next run).
   */
  sendOnce(deliveryId: string, send: (alert: AlertToSend) => Promise<SendDecision>, holder?: string): Promise<SendOnceResult> {
    return this.lease.sendOnce(ALERT, deliveryId, send, holder);
  }
}
