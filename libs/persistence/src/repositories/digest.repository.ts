import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { digestPeriod } from '@app/domain/digest';
import type { DigestItem, DigestPeriod, DigestPeriodFrequency } from '@app/domain/digest';
import type { DigestFrequency, ThemeId } from '@app/domain';
import { recordDigestSent } from './digest-sent-state';
import { leaseColumns, LeasedMail, MailSendLease, notSentReason, SendDecision, SendOnceResult } from './mail-send-lease';
import { execute, queryRows, type IdRow } from './query-rows';

/**
 * Which routed items a digest shows. Duplicates never; items whose complaint has no
 * redacted learning summary yet cannot be shown (the raw summary is never mailed).
 */
const ITEM_FILTER = `d.mode = 'digest' AND c.status <> 'duplicate' AND c.learning_summary IS NOT NULL AND c.severity IS NOT NULL`;

/** Who a contact digest is for: the contact and its organisation, as both the sender and the preview load them. */
export interface ContactDigestRecipient {
  contactId: string;
  contactName: string;
  contactEmail: string;
  serviceAreas: string[];
  themes: ThemeId[];
  organisationId: string;
  organisationName: string;
  /** `ombudsman` or `public-body`: the Ombudsman keeps other bodies' learning summaries. */
  organisationKind: string;
  timeZone: string;
  /** The contact followed an unsubscribe link. */
  unsubscribed: boolean;
}

export interface DigestToSend extends ContactDigestRecipient {
  digestId: string;
  frequency: DigestPeriodFrequency;
  periodStart: Date;
  periodEnd: Date;
}

export interface OmbudsmanMailToSend {
  mailId: string;
  kind: 'weekly-summary' | 'rising-theme';
  key: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  payload: Record<string, unknown>;
  contactId: string;
  contactName: string;
  contactEmail: string;
  /** The contact followed an unsubscribe link. */
  unsubscribed: boolean;
}

export interface DigestPlan {
  /** The period in the default time zone (organisations in other zones get their own). */
  period: DigestPeriod;
  /** Contact digests with something to send and not sent yet. */
  digestIds: string[];
  /** Ombudsman weekly summaries not sent yet (weekly runs only). */
  ombudsmanIds: string[];
}

/** Who a digest preview is for: the same recipient, with the frequency the preview's period follows. */
export interface DigestPreviewRecipient extends ContactDigestRecipient {
  digest: DigestFrequency;
}

export interface PreviousCounts {
  total: string;
  themes: Partial<Record<ThemeId, string>>;
}

/** A routed item before privacy rules: every reference and the source's name. */
interface DigestItemRow extends Omit<DigestItem, 'reference' | 'sourceOrganisationName'> {
  reference: string;
  includeBodyName: boolean;
  sourceName: string;
}

/** A time zone some contacts of the frequency are in: each plans its own period. */
interface TimeZoneRow {
  zone: string;
}

/** `count(DISTINCT …)` is bigint, which the driver hands over as a string. */
interface OwnItemTotal {
  total: string;
}

interface OwnThemeCount {
  theme: ThemeId;
  count: string;
}

const PENDING_DONE = (alias: string): string => `${alias}.status <> 'pending'`;
/** Not claimed by a live sender: the outbox sweep leaves those alone until their lease ends. */
const NOT_LEASED = `(sending_until IS NULL OR sending_until <= now())`;

/** A contact digest: the digest row records its state; its deliveries get the same sent state. */
const CONTACT_DIGEST: LeasedMail<DigestToSend> = {
  table: 'digest',
  kind: 'digest',
  done: PENDING_DONE,
  load: `
    SELECT dg.id AS "digestId", dg.frequency, dg.period_start AS "periodStart", dg.period_end AS "periodEnd",
           ct.id AS "contactId", ct.name AS "contactName", ct.email AS "contactEmail", ct.service_areas AS "serviceAreas",
           ct.themes, o.id AS "organisationId", o.name AS "organisationName", o.kind AS "organisationKind", o.time_zone AS "timeZone",
           ct.unsubscribed_at IS NOT NULL AS unsubscribed, ${leaseColumns('dg', PENDING_DONE('dg'))}
    FROM digest dg JOIN contact ct ON ct.id = dg.contact_id JOIN organisation o ON o.id = ct.organisation_id
    WHERE dg.id = $1 FOR UPDATE OF dg SKIP LOCKED`,
  async record(tx, id, decision, row) {
    if ('sent' in decision) {
      await recordDigestSent(tx, { digestId: id, contactId: row.contactId, periodStart: row.periodStart, periodEnd: row.periodEnd }, decision.sent);
    } else if ('skip' in decision) {
      await execute(tx, `UPDATE digest SET status = 'empty', item_count = 0, failure_reason = $2 WHERE id = $1`, [id, notSentReason(decision)]);
    } else {
      await execute(tx, `UPDATE digest SET status = 'failed', failure_reason = $2 WHERE id = $1`, [id, decision.failed.slice(0, 1000)]);
    }
  },
};

/** An Ombudsman email (weekly summary or rising-theme alert). */
const OMBUDSMAN_MAIL: LeasedMail<OmbudsmanMailToSend> = {
  table: 'ombudsman_mail',
  kind: 'ombudsman',
  done: PENDING_DONE,
  load: `
    SELECT m.id AS "mailId", m.kind, m.key, m.period_start AS "periodStart", m.period_end AS "periodEnd", m.payload,
           ct.id AS "contactId", ct.name AS "contactName", ct.email AS "contactEmail",
           ct.unsubscribed_at IS NOT NULL AS unsubscribed, ${leaseColumns('m', PENDING_DONE('m'))}
    FROM ombudsman_mail m JOIN contact ct ON ct.id = m.contact_id
    WHERE m.id = $1 FOR UPDATE OF m SKIP LOCKED`,
  async record(tx, id, decision) {
    if ('sent' in decision) {
      await execute(tx, `UPDATE ombudsman_mail SET status = 'sent', sent_at = now(), message_id = $2 WHERE id = $1`, [id, decision.sent]);
    } else if ('skip' in decision) {
      await execute(tx, `UPDATE ombudsman_mail SET status = 'empty', failure_reason = $2 WHERE id = $1`, [id, notSentReason(decision)]);
    } else {
      await execute(tx, `UPDATE ombudsman_mail SET status = 'failed', failure_reason = $2 WHERE id = $1`, [id, decision.failed.slice(0, 1000)]);
    }
  },
};

/** Digest runs and the sending state of digests and Ombudsman emails. */
@Injectable()
export class DigestRepository {
  private readonly lease: MailSendLease;

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.lease = new MailSendLease(db, { inDoubt: config.mailInDoubt });
  }

  /**
   * Records the digests due for the period before `asOf`: one row per contact with that
   * frequency (unique per contact, frequency and period start, so a second or concurrent
   * run inserts nothing), marked `empty` when the contact has nothing routed. Returns the
   * digests still to send, whoever created them.
   */
  async plan(frequency: DigestPeriodFrequency, asOf: Date, defaultTimeZone: string): Promise<DigestPlan> {
    const zones = await queryRows<TimeZoneRow>(
      this.db,
      `SELECT DISTINCT o.time_zone AS zone FROM contact ct JOIN organisation o ON o.id = ct.organisation_id WHERE ct.digest = $1`,
      [frequency],
    );
    const digestIds: string[] = [];
    for (const { zone } of zones) {
      const period = digestPeriod(frequency, asOf, zone);
      await execute(
        this.db,
        `INSERT INTO digest (contact_id, frequency, period_start, period_end, status, item_count)
         SELECT ct.id, $1, $2, $3, CASE WHEN n.items = 0 THEN 'empty' ELSE 'pending' END, n.items
         FROM contact ct
         JOIN organisation o ON o.id = ct.organisation_id
         CROSS JOIN LATERAL (
           SELECT count(DISTINCT d.complaint_id)::int AS items FROM delivery d JOIN complaint c ON c.id = d.complaint_id
           WHERE d.contact_id = ct.id AND d.created_at >= $2 AND d.created_at < $3 AND ${ITEM_FILTER}
         ) n
         WHERE ct.digest = $1 AND o.time_zone = $4
         ON CONFLICT (contact_id, frequency, period_start) DO NOTHING`,
        [frequency, period.start, period.end, zone],
      );
      const pending = await queryRows<IdRow>(
        this.db,
        `SELECT dg.id FROM digest dg JOIN contact ct ON ct.id = dg.contact_id JOIN organisation o ON o.id = ct.organisation_id
         WHERE dg.frequency = $1 AND dg.period_start = $2 AND dg.status = 'pending' AND o.time_zone = $3`,
        [frequency, period.start, zone],
      );
      digestIds.push(...pending.map((row) => row.id));
    }
    const period = digestPeriod(frequency, asOf, defaultTimeZone);
    const ombudsmanIds = frequency === 'weekly' ? await this.planOmbudsmanSummaries(period) : [];
    return { period, digestIds, ombudsmanIds };
  }

  /**
   * One weekly summary per Ombudsman contact who takes digests; `empty` when nothing *arrived*
   * that week (the summary counts by arrival: complaints often reach us months after receipt).
   */
  private async planOmbudsmanSummaries(period: DigestPeriod): Promise<string[]> {
    await execute(
      this.db,
      `INSERT INTO ombudsman_mail (kind, contact_id, key, period_start, period_end, status)
       SELECT 'weekly-summary', ct.id, $1, $2, $3,
              CASE WHEN EXISTS (SELECT 1 FROM complaint c WHERE c.status = 'processed' AND c.accepted_at >= $2 AND c.accepted_at < $3) THEN 'pending' ELSE 'empty' END
       FROM contact ct JOIN organisation o ON o.id = ct.organisation_id
       WHERE o.kind = 'ombudsman' AND ct.digest <> 'none'
       ON CONFLICT (kind, contact_id, key) DO NOTHING`,
      [period.key, period.start, period.end],
    );
    const rows = await queryRows<IdRow>(
      this.db,
      `SELECT id FROM ombudsman_mail WHERE kind = 'weekly-summary' AND key = $1 AND status = 'pending'`,
      [period.key],
    );
    return rows.map((row) => row.id);
  }

  async pendingDigests(limit: number): Promise<string[]> {
    const rows = await queryRows<IdRow>(
      this.db,
      `SELECT id FROM digest WHERE status = 'pending' AND ${NOT_LEASED} ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  async pendingOmbudsmanMail(limit: number): Promise<string[]> {
    const rows = await queryRows<IdRow>(
      this.db,
      `SELECT id FROM ombudsman_mail WHERE status = 'pending' AND ${NOT_LEASED} ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /** The contact's routed items in [start, end), joined to the complaint; references only for its own organisation. */
  async items(contactId: string, start: Date, end: Date): Promise<DigestItem[]> {
    const rows = await queryRows<DigestItemRow>(
      this.db,
      `SELECT c.id AS "complaintId", c.reference, c.service_area AS "serviceArea", c.themes, c.severity, c.outcome,
              c.learning_summary AS "learningSummary", d.shared, d.include_body_name AS "includeBodyName",
              so.name AS "sourceName", so.sector AS "sourceSector", c.received_at AS "receivedAt"
       FROM delivery d JOIN complaint c ON c.id = d.complaint_id JOIN organisation so ON so.id = d.source_organisation_id
       WHERE d.contact_id = $1 AND d.created_at >= $2 AND d.created_at < $3 AND ${ITEM_FILTER}
       ORDER BY d.created_at, d.id`,
      [contactId, start, end],
    );
    return rows.map((row) => ({
      complaintId: row.complaintId,
      // Another body's case reference never leaves the database.
      reference: row.shared ? undefined : row.reference,
      serviceArea: row.serviceArea,
      themes: row.themes,
      severity: row.severity,
      outcome: row.outcome,
      learningSummary: row.learningSummary,
      shared: row.shared,
      sourceOrganisationName: row.shared && row.includeBodyName ? row.sourceName : undefined,
      sourceSector: row.sourceSector,
      receivedAt: row.receivedAt,
    }));
  }

  /**
   * Read-only, for the web app's digest preview: a contact of `organisationId` (undefined for
   * another organisation's) with what the sender needs to build its digest. Nothing is planned,
   * claimed or recorded; the preview reads the period's items with `items` and `previousCounts`.
   */
  async previewRecipient(organisationId: string, contactId: string): Promise<DigestPreviewRecipient | undefined> {
    const [row] = await queryRows<DigestPreviewRecipient>(
      this.db,
      `SELECT ct.id AS "contactId", ct.name AS "contactName", ct.email AS "contactEmail", ct.service_areas AS "serviceAreas",
              ct.themes, ct.digest, ct.unsubscribed_at IS NOT NULL AS unsubscribed,
              o.id AS "organisationId", o.name AS "organisationName", o.kind AS "organisationKind", o.time_zone AS "timeZone"
         FROM contact ct JOIN organisation o ON o.id = ct.organisation_id
        WHERE ct.id = $1 AND ct.organisation_id = $2`,
      [contactId, organisationId],
    );
    return row;
  }

  /** Own (not shared) items of the contact in [from, to), in total and per theme, counted as the digest counts them. */
  async previousCounts(contactId: string, from: Date, to: Date): Promise<PreviousCounts> {
    const own = `d.contact_id = $1 AND d.created_at >= $2 AND d.created_at < $3 AND NOT d.shared AND ${ITEM_FILTER}`;
    const [total] = await queryRows<OwnItemTotal>(
      this.db,
      `SELECT count(DISTINCT c.id) AS total FROM delivery d JOIN complaint c ON c.id = d.complaint_id WHERE ${own}`,
      [contactId, from, to],
    );
    const themes = await queryRows<OwnThemeCount>(
      this.db,
      `SELECT t.theme, count(DISTINCT c.id) AS count
       FROM delivery d JOIN complaint c ON c.id = d.complaint_id, unnest(c.themes) AS t(theme)
       WHERE ${own} GROUP BY 1`,
      [contactId, from, to],
    );
    return { total: total.total, themes: Object.fromEntries(themes.map((row) => [row.theme, row.count])) };
  }

  /** Sends a contact digest at most once; see MailSendLease for the claim, the lease and the outcome write. */
  sendDigestOnce(digestId: string, send: (digest: DigestToSend) => Promise<SendDecision>, holder?: string): Promise<SendOnceResult> {
    return this.lease.sendOnce(CONTACT_DIGEST, digestId, send, holder);
  }

  /** Sends an Ombudsman email (weekly summary or rising-theme alert) at most once. */
  sendOmbudsmanOnce(mailId: string, send: (mail: OmbudsmanMailToSend) => Promise<SendDecision>, holder?: string): Promise<SendOnceResult> {
    return this.lease.sendOnce(OMBUDSMAN_MAIL, mailId, send, holder);
  }
}
