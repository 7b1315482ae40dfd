import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { recordDigestSent } from './digest-sent-state';
import { IN_DOUBT_PREFIX, type MailTable } from './mail-send-lease';
import { execute, queryRows } from './query-rows';

/** An email held in doubt, for the operator (`npm run mail:release`). */
export interface HeldMail {
  kind: 'alert' | 'digest' | 'ombudsman';
  id: string;
  contactId: string;
  /** Recipient, so the relay's log can be searched. */
  email: string;
  sendAttempts: number;
  reason: string;
  createdAt: Date;
  /** Digests and Ombudsman emails: what the Message-ID is derived from (see the CLI). */
  frequency: string | null;
  periodEnd: Date | null;
  timeZone: string | null;
  ombudsmanKind: string | null;
  ombudsmanKey: string | null;
}

export type HeldMailRef = { kind: HeldMail['kind']; id: string };

const HELD_PATTERN = `${IN_DOUBT_PREFIX}%`;
const NO_KIND_DETAILS = 'NULL::text AS frequency, NULL::timestamptz AS "periodEnd", NULL::text AS "timeZone"';

/** The state a held email goes back to: waiting to be sent, with no lease and no failure. */
const RELEASE: Record<MailTable, { set: string; held: string }> = {
  delivery: { set: 'failure_reason = NULL', held: `sent_at IS NULL AND failure_reason LIKE $1` },
  digest: { set: `status = 'pending', failure_reason = NULL`, held: `status = 'failed' AND failure_reason LIKE $1` },
  ombudsman_mail: { set: `status = 'pending', failure_reason = NULL`, held: `status = 'failed' AND failure_reason LIKE $1` },
};
const KIND_OF: Record<MailTable, HeldMail['kind']> = { delivery: 'alert', digest: 'digest', ombudsman_mail: 'ombudsman' };

/** Clears a held email's failure and lease; `$1` id, `$2` the held pattern. Returns the row if it was held. */
const UNHOLD: Record<MailTable, string> = {
  delivery: `UPDATE delivery SET failure_reason = NULL, sending_until = NULL, claim_token = NULL, claimed_by = NULL
             WHERE id = $1 AND sent_at IS NULL AND failure_reason LIKE $2 RETURNING id`,
  digest: `UPDATE digest SET failure_reason = NULL, sending_until = NULL, claim_token = NULL, claimed_by = NULL
           WHERE id = $1 AND status = 'failed' AND failure_reason LIKE $2
           RETURNING id, contact_id AS "contactId", period_start AS "periodStart", period_end AS "periodEnd"`,
  ombudsman_mail: `UPDATE ombudsman_mail SET failure_reason = NULL, sending_until = NULL, claim_token = NULL, claimed_by = NULL
                   WHERE id = $1 AND status = 'failed' AND failure_reason LIKE $2 RETURNING id`,
};
const TABLE_OF: Record<HeldMail['kind'], MailTable> = { alert: 'delivery', digest: 'digest', ombudsman: 'ombudsman_mail' };

/**
 * The operator's side of MAIL_IN_DOUBT=hold: emails the send lease (MailSendLease) recorded as
 * held — failed with a reason starting IN_DOUBT_PREFIX — listed, counted, put back to be sent,
 * or recorded as delivered. Every write touches only rows still held, so each is idempotent.
 * Constructed by Nest, or with a bare DataSource by the `mail:release` command.
 */
@Injectable()
export class HeldMailRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every email held in doubt, oldest first. */
  list(): Promise<HeldMail[]> {
    const common = (alias: string) =>
      `${alias}.id, ct.id AS "contactId", ct.email, ${alias}.send_attempts AS "sendAttempts", ${alias}.failure_reason AS reason, ${alias}.created_at AS "createdAt"`;
    return queryRows<HeldMail>(
      this.db,
      `SELECT 'alert' AS kind, ${common('d')}, ${NO_KIND_DETAILS}, NULL AS "ombudsmanKind", NULL AS "ombudsmanKey"
         FROM delivery d JOIN contact ct ON ct.id = d.contact_id
         WHERE d.mode = 'immediate' AND d.sent_at IS NULL AND d.failure_reason LIKE $1
       UNION ALL
       SELECT 'digest', ${common('dg')}, dg.frequency, dg.period_end, o.time_zone, NULL, NULL
         FROM digest dg JOIN contact ct ON ct.id = dg.contact_id JOIN organisation o ON o.id = ct.organisation_id
         WHERE dg.status = 'failed' AND dg.failure_reason LIKE $1
       UNION ALL
       SELECT 'ombudsman', ${common('m')}, ${NO_KIND_DETAILS}, m.kind, m.key
         FROM ombudsman_mail m JOIN contact ct ON ct.id = m.contact_id
         WHERE m.status = 'failed' AND m.failure_reason LIKE $1
       ORDER BY "createdAt", id`,
      [HELD_PATTERN],
    );
  }

  /** How many emails are held in doubt, by kind (for monitoring: each one waits for an operator). */
  async counts(): Promise<Record<HeldMail['kind'], number>> {
    const [counts] = await queryRows<Record<HeldMail['kind'], number>>(
      this.db,
      // Alerts only: the partial index of unsent immediate deliveries keeps this cheap.
      `SELECT (SELECT count(*) FROM delivery WHERE mode = 'immediate' AND ${RELEASE.delivery.held})::int AS alert,
              (SELECT count(*) FROM digest WHERE ${RELEASE.digest.held})::int AS digest,
              (SELECT count(*) FROM ombudsman_mail WHERE ${RELEASE.ombudsman_mail.held})::int AS ombudsman`,
      [HELD_PATTERN],
    );
    return counts;
  }

  /**
   * Puts held emails (`ids`, or every one with 'all') back to be sent: the outbox sweep queues
   * them again and they go out once more with the same Message-ID. Releasing twice, or an id
   * that is not held, does nothing. Returns what was released.
   */
  release(ids: string[] | 'all'): Promise<HeldMailRef[]> {
    const only = ids === 'all' ? null : ids;
    return this.db.transaction(async (tx) => {
      const released: HeldMailRef[] = [];
      for (const table of Object.keys(RELEASE) as MailTable[]) {
        const rows = await queryRows<{ id: string }>(
          tx,
          `UPDATE ${table} SET ${RELEASE[table].set}, sending_until = NULL, claim_token = NULL, claimed_by = NULL
           WHERE ${RELEASE[table].held} AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id`,
          [HELD_PATTERN, only],
        );
        released.push(...rows.map((row) => ({ kind: KIND_OF[table], id: row.id })));
      }
      return released;
    });
  }

  /**
   * Records held emails as sent, with the Message-ID they carried, once the relay's log shows
   * they were delivered: they are then never sent again and count as sent everywhere. Returns
   * what was recorded.
   */
  recordDelivered(mails: Array<HeldMailRef & { messageId: string }>): Promise<HeldMailRef[]> {
    return this.db.transaction(async (tx) => {
      const recorded: HeldMailRef[] = [];
      for (const mail of mails) {
        const [held] = await queryRows<{ id: string; contactId: string; periodStart: Date; periodEnd: Date }>(tx, UNHOLD[TABLE_OF[mail.kind]], [mail.id, HELD_PATTERN]);
        if (!held) continue;
        await recordSent(tx, mail.kind, held, mail.messageId);
        recorded.push({ kind: mail.kind, id: mail.id });
      }
      return recorded;
    });
  }
}

/** The same sent state as when the email is sent (see each kind's `record`). */
async function recordSent(
  tx: EntityManager,
  kind: HeldMail['kind'],
  held: { id: string; contactId: string; periodStart: Date; periodEnd: Date },
  messageId: string,
): Promise<void> {
  if (kind === 'digest') return recordDigestSent(tx, { digestId: held.id, contactId: held.contactId, periodStart: held.periodStart, periodEnd: held.periodEnd }, messageId);
  if (kind === 'alert') await execute(tx, `UPDATE delivery SET sent_at = now(), message_id = $2 WHERE id = $1`, [held.id, messageId]);
  else await execute(tx, `UPDATE ombudsman_mail SET status = 'sent', sent_at = now(), message_id = $2 WHERE id = $1`, [held.id, messageId]);
}
