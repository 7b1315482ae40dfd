import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from './query-rows';

/** What the send callback decided; `sent` records the Message-ID, `failed` the reason. */
export type SendDecision = { sent: string } | { failed: string } | { skip: string };
export type SendOnceResult = 'sent' | 'failed' | 'skipped' | 'already-done' | 'busy' | 'missing';

/**
 * How long a claim keeps every other sender off an email (`sending_until`). A PostgreSQL
 * outage shorter than this, striking after the SMTP server accepted a message, never produces
 * a second send (the outcome write is retried until it lands). It is also the longest an
 * email whose sender died waits to be sent again, when its send-mail job does not come back
 * sooner (see MailSendLease). Ten minutes covers a database restart or failover with margin.
 */
export const MAIL_SEND_LEASE_MS = 10 * 60_000;

/** Backoff of the outcome write: from 100 ms, doubling, at most 5 s between attempts. */
const RECORD_RETRY_FIRST_MS = 100;
const RECORD_RETRY_MAX_MS = 5_000;
/** Stop retrying the outcome write this long before the lease runs out (clock skew, the last round trip). */
const LEASE_MARGIN_MS = 5_000;

export type MailTable = 'delivery' | 'digest' | 'ombudsman_mail';

/** The lease state every `load` query selects next to the email's data. */
export interface LeaseState {
  /** The outcome (sent, failed, not sent) is recorded: never send again. */
  done: boolean;
  /** Another worker holds a live lease. */
  leased: boolean;
  /** A lease was taken and never released nor completed (expired, unless `leased`). */
  hadLease: boolean;
  /** The exclusive unit of work (the BullMQ job id) that took the lease, if any. */
  claimedBy: string | null;
}

/** One kind of email: the row that records its state, how to load it and how to record an outcome. */
export interface MailKind<Row> {
  table: MailTable;
  /** For logs: alert, digest or ombudsman. */
  kind: string;
  /** SQL boolean over the row aliased `alias`: the outcome is recorded. */
  done(alias: string): string;
  /**
   * Everything the email needs, `$1` = row id, with `leaseColumns(...)` selected and the
   * row locked `FOR UPDATE OF <alias> SKIP LOCKED`. Nothing when locked by someone else.
   */
  load: string;
  /** Writes the outcome; runs in the outcome transaction, after the claim was checked. */
  record(tx: EntityManager, id: string, decision: SendDecision, row: Row): Promise<void>;
}

/** The lease columns of a `load` query, for the row aliased `alias`. */
export function leaseColumns(alias: string, done: string): string {
  return (
    `(${done}) AS done, coalesce(${alias}.sending_until > now(), false) AS leased, ` +
    `${alias}.sending_until IS NOT NULL AS "hadLease", ${alias}.claimed_by AS "claimedBy"`
  );
}

export async function exists(tx: EntityManager | DataSource, table: MailTable, id: string): Promise<boolean> {
  const rows: unknown[] = await tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  return rows.length > 0;
}

type Claim<Row> = { result: SendOnceResult } | { row: Row; attempt: number; inDoubt: 'expired' | 'taken-over' | false };
type Recorded = 'recorded' | 'lost' | 'missing';

/**
 * Sends an email at most once in three steps, none of which holds a transaction open while
 * SMTP talks:
 *
 * 1. **Claim** (a short transaction, committed): the row must be neither done nor under a
 *    live lease; it gets `sending_until = now() + lease`, a fresh `claim_token`, `claimed_by`
 *    (the holder) and `send_attempts + 1`. `FOR UPDATE SKIP LOCKED`, so two workers never
 *    both claim.
 * 2. **Send** over SMTP, outside any transaction.
 * 3. **Record** the outcome where the claim token still matches. The accepted Message-ID is
 *    held in memory and the write is retried on fresh connections with backoff until it
 *    lands or the lease is nearly over, so a terminated backend or a database restart
 *    after the relay's `250` does not cause a second send.
 *
 * If sending throws (relay down, 4xx) the lease is released, best effort, so the job's retry
 * can send; a lost release only delays the retry until the lease expires.
 *
 * A lease that ended without an outcome means its holder stopped between claim and record —
 * maybe after the relay accepted the message. That email is sent again, with the same
 * Message-ID, and a warning naming the row (never the content): losing an email is worse
 * than repeating one the relay and mail clients can recognise. A lease ends that way when it
 * expires, or — so a crashed worker's emails wait for BullMQ's stalled-job check (~30 s), not
 * the whole lease — when the same `holder` (the send-mail job id, which BullMQ lets only one
 * worker run at a time) comes back to it: the run that took it is over (crashed and recovered
 * as stalled, or gave up). A live sender cut off from PostgreSQL keeps its job lock in Redis,
 * so nobody else runs its job and its lease holds.
 */
export class MailSendLease {
  private readonly logger = new Logger('MailSendLease');

  constructor(
    private readonly db: DataSource,
    private readonly leaseMs: number = MAIL_SEND_LEASE_MS,
  ) {}

  /**
   * `holder`: the exclusive unit of work sending this email (the send-mail job id). A live
   * lease taken under the same holder is taken over (see above); without one, only expiry frees it.
   */
  async sendOnce<Row>(mail: MailKind<Row>, id: string, send: (row: Row) => Promise<SendDecision>, holder?: string): Promise<SendOnceResult> {
    const token = randomUUID();
    const claimedAt = Date.now();
    let claim: Claim<Row>;
    try {
      claim = await this.claim(mail, id, token, holder ?? null);
    } catch (error) {
      // The claim may have committed before the connection was lost: give it back.
      await this.release(mail, id, token);
      throw error;
    }
    if ('result' in claim) return claim.result;
    if (claim.inDoubt) {
      this.logger.warn(
        { kind: mail.kind, id, attempt: claim.attempt, lease: claim.inDoubt },
        claim.inDoubt === 'expired'
          ? 'mail lease expired without an outcome; sending again with the same Message-ID (the earlier attempt may have been delivered)'
          : 'mail lease of an earlier run of this job ended without an outcome; sending again with the same Message-ID (the earlier attempt may have been delivered)',
      );
    }

    let decision: SendDecision;
    try {
      decision = await send(claim.row);
    } catch (error) {
      await this.release(mail, id, token);
      throw error;
    }

    const recorded = await this.recordUntilLanded(mail, id, token, decision, claim.row, claimedAt + this.leaseMs - LEASE_MARGIN_MS);
    if (recorded !== 'recorded') {
      this.logger.warn(
        { kind: mail.kind, id, attempt: claim.attempt, outcome: resultOf(decision), claim: recorded },
        recorded === 'lost' ? 'mail outcome not recorded: the lease was lost to another sender' : 'mail outcome not recorded: the row was deleted',
      );
    }
    return resultOf(decision);
  }

  private claim<Row>(mail: MailKind<Row>, id: string, token: string, holder: string | null): Promise<Claim<Row>> {
    return this.db.transaction(async (tx) => {
      const rows: Array<Row & LeaseState> = await tx.query(mail.load, [id]);
      if (rows.length === 0) return { result: (await exists(tx, mail.table, id)) ? 'busy' : 'missing' };
      const row = rows[0];
      if (row.done) return { result: 'already-done' };
      const takeOver = row.leased && holder !== null && row.claimedBy === holder;
      if (row.leased && !takeOver) return { result: 'busy' };
      const [claimed] = await queryRows<{ attempt: number }>(
        tx,
        `UPDATE ${mail.table}
         SET sending_until = now() + $3::float8 * interval '1 millisecond', claim_token = $2, claimed_by = $4, send_attempts = send_attempts + 1
         WHERE id = $1 RETURNING send_attempts AS attempt`,
        [id, token, this.leaseMs, holder],
      );
      return { row, attempt: claimed.attempt, inDoubt: takeOver ? 'taken-over' : row.hadLease ? 'expired' : false };
    });
  }

  /** Retries the outcome write on any error (a connection lost, the server restarting) until the deadline. */
  private async recordUntilLanded<Row>(mail: MailKind<Row>, id: string, token: string, decision: SendDecision, row: Row, deadline: number): Promise<Recorded> {
    let delay = RECORD_RETRY_FIRST_MS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const recorded = await this.record(mail, id, token, decision, row);
        if (attempt > 1) this.logger.log({ kind: mail.kind, id, attempts: attempt }, 'mail outcome recorded after retrying');
        return recorded;
      } catch (error) {
        const reason = (error as Error).message;
        if (Date.now() + delay > deadline) {
          this.logger.error({ kind: mail.kind, id, attempts: attempt, reason }, 'mail outcome could not be recorded before the lease ran out; the email will be sent again');
          throw error;
        }
        if (attempt === 1 || attempt % 10 === 0) this.logger.warn({ kind: mail.kind, id, attempt, reason }, 'mail outcome not recorded yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, RECORD_RETRY_MAX_MS);
      }
    }
  }

  /**
   * Idempotent: if an earlier attempt committed and only its answer was lost, the row is
   * done under our token and nothing is written again.
   */
  private record<Row>(mail: MailKind<Row>, id: string, token: string, decision: SendDecision, row: Row): Promise<Recorded> {
    return this.db.transaction(async (tx) => {
      const [state] = await queryRows<{ mine: boolean | null; done: boolean }>(
        tx,
        `SELECT m.claim_token = $2 AS mine, (${mail.done('m')}) AS done FROM ${mail.table} m WHERE m.id = $1 FOR UPDATE`,
        [id, token],
      );
      if (!state) return 'missing';
      if (!state.mine) return 'lost';
      if (state.done) return 'recorded';
      await tx.query(`UPDATE ${mail.table} SET sending_until = NULL WHERE id = $1`, [id]);
      await mail.record(tx, id, decision, row);
      return 'recorded';
    });
  }

  /** Gives the claim back so a retry need not wait for the lease; a few quick tries, then the expiry does it. */
  private async release<Row>(mail: MailKind<Row>, id: string, token: string): Promise<void> {
    for (const pause of [0, 100, 400]) {
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      try {
        await this.db.query(`UPDATE ${mail.table} m SET sending_until = NULL WHERE m.id = $1 AND m.claim_token = $2 AND NOT (${mail.done('m')})`, [id, token]);
        return;
      } catch (error) {
        if (pause === 400) this.logger.warn({ kind: mail.kind, id, reason: (error as Error).message }, 'mail lease not released; it frees itself when it expires');
      }
    }
  }
}

function resultOf(decision: SendDecision): SendOnceResult {
  if ('sent' in decision) return 'sent';
  return 'failed' in decision ? 'failed' : 'skipped';
}

/** The failure reason written for an email deliberately not sent. */
export function notSentReason(decision: { skip: string }): string {
  return `not sent: ${decision.skip}`.slice(0, 1000);
}
