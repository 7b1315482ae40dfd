import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { MailInDoubtPolicy } from '@app/config';
import type { MailKind } from '@app/contracts';
import { execute, queryRows, type IdRow } from './query-rows';

/**
 * What the send callback decided; `sent` records the Message-ID, `failed` the reason, `skip`
 * why nothing was sent. `inDoubt`: the relay may have accepted the message but never answered
 * (the connection failed after the whole message was sent); handled per MAIL_IN_DOUBT.
 */
export type SendDecision = { sent: string } | { failed: string } | { skip: string } | { inDoubt: string };
/** An outcome that can be written to the row (an `inDoubt` decision becomes one per MAIL_IN_DOUBT). */
export type RecordedDecision = Exclude<SendDecision, { inDoubt: string }>;
/** `held`: found in doubt and recorded as such, not sent (MAIL_IN_DOUBT=hold). */
export type SendOnceResult = 'sent' | 'failed' | 'skipped' | 'held' | 'already-done' | 'busy' | 'missing';

/**
 * How long a claim keeps every other sender off an email (`sending_until`). A PostgreSQL
 * outage shorter than this, striking after the SMTP server accepted a message, never produces
 * a second send (the outcome write is retried until it lands). It is also the longest an
 * email whose sender died waits to be sent again, when its send-mail job does not come back
 * sooner (see MailSendLease). Ten minutes covers a database restart or failover with margin.
 */
export const MAIL_SEND_LEASE_MS = 10 * 60_000;

/** Backoff of the outcome write and the release (retryUntil): from 100 ms, doubling, at most 5 s between attempts. */
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
  /** Claims taken so far. */
  sendAttempts: number;
}

/** How the lease handles one kind of email: the row that records its state, how to load it and how to record an outcome. */
export interface LeasedMail<Row> {
  table: MailTable;
  /** Which email this is (the send-mail job's kind); named in logs. */
  kind: MailKind;
  /** SQL boolean over the row aliased `alias`: the outcome is recorded. */
  done(alias: string): string;
  /**
   * Everything the email needs, `$1` = row id, with `leaseColumns(...)` selected and the
   * row locked `FOR UPDATE OF <alias> SKIP LOCKED`. Nothing when locked by someone else.
   */
  load: string;
  /** Writes the outcome; runs in the outcome transaction, after the claim was checked. */
  record(tx: EntityManager, id: string, decision: RecordedDecision, row: Row): Promise<void>;
}

/** The lease columns of a `load` query, for the row aliased `alias`. */
export function leaseColumns(alias: string, done: string): string {
  return (
    `(${done}) AS done, coalesce(${alias}.sending_until > now(), false) AS leased, ` +
    `${alias}.sending_until IS NOT NULL AS "hadLease", ${alias}.claimed_by AS "claimedBy", ${alias}.send_attempts AS "sendAttempts"`
  );
}

export async function exists(tx: EntityManager | DataSource, table: MailTable, id: string): Promise<boolean> {
  const rows = await queryRows<IdRow>(tx, `SELECT id FROM ${table} WHERE id = $1`, [id]);
  return rows.length > 0;
}

/** Why a claim found the email in doubt: its lease ran out, or its own job came back to it. */
type LeaseEnd = 'expired' | 'taken-over';
type Claim<Row> = { result: SendOnceResult } | { row: Row; attempt: number; inDoubt: LeaseEnd | false };
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
 * maybe after the relay accepted the message. A lease ends that way when it expires, or — so a
 * crashed worker's emails are settled after BullMQ's stalled-job check (~30 s), not the whole
 * lease — when the same `holder` (the send-mail job id, which BullMQ lets only one worker run
 * at a time) comes back to it: the run that took it is over (crashed and recovered as stalled,
 * or gave up). A live sender cut off from PostgreSQL keeps its job lock in Redis, so nobody
 * else runs its job and its lease holds. The same doubt arises when SMTP fails without an
 * answer after the whole message was sent (the callback decides `{ inDoubt }`).
 *
 * Nobody can tell "never reached the relay" from "accepted, not recorded" (exactly-once over
 * SMTP is impossible), so MAIL_IN_DOUBT chooses which promise to break:
 * - `hold` (default, at most once): the email is recorded as failed with a reason starting
 *   `in doubt:` (IN_DOUBT_PREFIX) and an error log naming the row (never content); nothing is
 *   sent. An operator checks the relay's log and releases it (`npm run mail:release`,
 *   HeldMailRepository.release), which puts it back to be sent once more with the same Message-ID.
 * - `resend` (at least once): it is sent again with the same Message-ID, with a warning.
 *
 * The sender narrows the doubt: it claims an email only when an SMTP connection is free to
 * transmit it (MailSender.reserveConnection), and tells a connection lost before the message
 * data from one lost after it (classifySendError).
 */
export class MailSendLease {
  private readonly logger = new Logger('MailSendLease');

  private readonly leaseMs: number;
  private readonly inDoubt: MailInDoubtPolicy;

  constructor(
    private readonly db: DataSource,
    options: { inDoubt?: MailInDoubtPolicy; leaseMs?: number } = {},
  ) {
    this.leaseMs = options.leaseMs ?? MAIL_SEND_LEASE_MS;
    this.inDoubt = options.inDoubt ?? 'hold';
  }

  /**
   * `holder`: the exclusive unit of work sending this email (the send-mail job id). A live
   * lease taken under the same holder is taken over (see above); without one, only expiry frees it.
   */
  async sendOnce<Row>(mail: LeasedMail<Row>, id: string, send: (row: Row) => Promise<SendDecision>, holder?: string): Promise<SendOnceResult> {
    const token = randomUUID();
    const claimedAt = Date.now();
    const deadline = claimedAt + this.leaseMs - LEASE_MARGIN_MS;
    let claim: Claim<Row>;
    try {
      claim = await this.claim(mail, id, token, holder ?? null);
    } catch (error) {
      // The claim may have committed before the connection was lost: give it back.
      await this.release(mail, id, token, deadline);
      throw error;
    }
    if ('result' in claim) return claim.result;
    if (claim.inDoubt) {
      this.logger.warn(
        { kind: mail.kind, id, attempt: claim.attempt, lease: claim.inDoubt, policy: this.inDoubt },
        `mail in doubt: ${leaseEndText(claim.inDoubt)} ended without an outcome; sending again with the same Message-ID (the earlier attempt may have been delivered)`,
      );
    }

    let decision: SendDecision;
    try {
      decision = await send(claim.row);
    } catch (error) {
      await this.release(mail, id, token, deadline);
      throw error;
    }
    let outcome: RecordedDecision;
    if ('inDoubt' in decision) {
      if (this.inDoubt === 'resend') {
        // As before MAIL_IN_DOUBT: retried like a transient failure, with the same Message-ID.
        await this.release(mail, id, token, deadline);
        throw new Error(`${decision.inDoubt}; MAIL_IN_DOUBT=resend: sending again`);
      }
      outcome = { failed: heldReason(`the relay never answered: ${decision.inDoubt} (attempt ${claim.attempt})`) };
      this.logHeld(mail, id, claim.attempt, 'the connection failed after the message data, before the relay answered');
    } else {
      outcome = decision;
    }

    const recorded = await this.recordUntilLanded(mail, id, token, outcome, claim.row, deadline);
    if (recorded !== 'recorded') {
      this.logger.warn(
        { kind: mail.kind, id, attempt: claim.attempt, outcome: resultOf(outcome), claim: recorded },
        recorded === 'lost' ? 'mail outcome not recorded: the lease was lost to another sender' : 'mail outcome not recorded: the row was deleted',
      );
    }
    return resultOf(outcome);
  }

  private logHeld(mail: LeasedMail<unknown>, id: string, attempt: number, cause: string): void {
    this.logger.error(
      { kind: mail.kind, id, attempt, cause },
      'mail in doubt: held, not sent again (MAIL_IN_DOUBT=hold); check the relay log, then npm run mail:release',
    );
  }

  private claim<Row>(mail: LeasedMail<Row>, id: string, token: string, holder: string | null): Promise<Claim<Row>> {
    return this.db.transaction(async (tx) => {
      const rows = await queryRows<Row & LeaseState>(tx, mail.load, [id]);
      if (rows.length === 0) return { result: (await exists(tx, mail.table, id)) ? 'busy' : 'missing' };
      const row = rows[0];
      if (row.done) return { result: 'already-done' };
      const takeOver = row.leased && holder !== null && row.claimedBy === holder;
      if (row.leased && !takeOver) return { result: 'busy' };
      const inDoubt: LeaseEnd | false = takeOver ? 'taken-over' : row.hadLease ? 'expired' : false;
      if (inDoubt && this.inDoubt === 'hold') return this.hold(tx, mail, id, row, inDoubt);
      const [claimed] = await queryRows<{ attempt: number }>(
        tx,
        `UPDATE ${mail.table}
         SET sending_until = now() + $3::float8 * interval '1 millisecond', claim_token = $2, claimed_by = $4, send_attempts = send_attempts + 1
         WHERE id = $1 RETURNING send_attempts AS attempt`,
        [id, token, this.leaseMs, holder],
      );
      return { row, attempt: claimed.attempt, inDoubt };
    });
  }

  /** MAIL_IN_DOUBT=hold: records the email found in doubt as held, in the claim's transaction, and sends nothing. */
  private async hold<Row>(tx: EntityManager, mail: LeasedMail<Row>, id: string, row: Row & LeaseState, end: LeaseEnd): Promise<Claim<Row>> {
    await execute(tx, `UPDATE ${mail.table} SET sending_until = NULL WHERE id = $1`, [id]);
    const reason = heldReason(`the sender stopped after claiming it (attempt ${row.sendAttempts}; ${leaseEndText(end)} ended without an outcome)`);
    await mail.record(tx, id, { failed: reason }, row);
    this.logHeld(mail, id, row.sendAttempts, `${leaseEndText(end)} ended without an outcome`);
    return { result: 'held' };
  }

  /** Retries the outcome write on any error (a connection lost, the server restarting) until the deadline. */
  private async recordUntilLanded<Row>(mail: LeasedMail<Row>, id: string, token: string, decision: RecordedDecision, row: Row, deadline: number): Promise<Recorded> {
    const tried = await retryUntil(deadline, () => this.record(mail, id, token, decision, row), (attempt, error) => {
      if (attempt === 1 || attempt % 10 === 0) this.logger.warn({ kind: mail.kind, id, attempt, reason: messageOf(error) }, 'mail outcome not recorded yet; retrying');
    });
    if ('value' in tried) {
      if (tried.attempts > 1) this.logger.log({ kind: mail.kind, id, attempts: tried.attempts }, 'mail outcome recorded after retrying');
      return tried.value;
    }
    this.logger.error(
      { kind: mail.kind, id, attempts: tried.attempts, reason: messageOf(tried.error) },
      'mail outcome could not be recorded before the lease ran out; the email is in doubt (held or sent again, per MAIL_IN_DOUBT)',
    );
    throw tried.error;
  }

  /**
   * Idempotent: if an earlier attempt committed and only its answer was lost, the row is
   * done under our token and nothing is written again.
   */
  private record<Row>(mail: LeasedMail<Row>, id: string, token: string, decision: RecordedDecision, row: Row): Promise<Recorded> {
    return this.db.transaction(async (tx) => {
      const [state] = await queryRows<{ mine: boolean | null; done: boolean }>(
        tx,
        `SELECT m.claim_token = $2 AS mine, (${mail.done('m')}) AS done FROM ${mail.table} m WHERE m.id = $1 FOR UPDATE`,
        [id, token],
      );
      if (!state) return 'missing';
      if (!state.mine) return 'lost';
      if (state.done) return 'recorded';
      await execute(tx, `UPDATE ${mail.table} SET sending_until = NULL WHERE id = $1`, [id]);
      await mail.record(tx, id, decision, row);
      return 'recorded';
    });
  }

  /**
   * Gives the claim back so a retry need not wait for the lease, retried like the outcome
   * write until the lease deadline. Why so persistent: a release is the outcome "not sent";
   * a lease left behind would make the job's next run find the email in doubt and, under
   * MAIL_IN_DOUBT=hold, hold an email that never reached the relay.
   */
  private async release<Row>(mail: LeasedMail<Row>, id: string, token: string, deadline: number): Promise<void> {
    const tried = await retryUntil(deadline, () =>
      execute(this.db, `UPDATE ${mail.table} m SET sending_until = NULL WHERE m.id = $1 AND m.claim_token = $2 AND NOT (${mail.done('m')})`, [id, token]),
    );
    if ('error' in tried) {
      this.logger.warn({ kind: mail.kind, id, attempts: tried.attempts, reason: messageOf(tried.error) }, 'mail lease not released; it ends in doubt when it expires');
    }
  }
}

type Retried<T> = { value: T; attempts: number } | { error: unknown; attempts: number };

/**
 * Runs `work` until it succeeds, retrying on any error with backoff (RECORD_RETRY_FIRST_MS,
 * doubling, at most RECORD_RETRY_MAX_MS) while the next attempt would still start before
 * `deadline`; then gives up with the last error. `onRetry` runs before each wait.
 */
async function retryUntil<T>(deadline: number, work: () => Promise<T>, onRetry?: (attempt: number, error: unknown) => void): Promise<Retried<T>> {
  let delay = RECORD_RETRY_FIRST_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { value: await work(), attempts: attempt };
    } catch (error) {
      if (Date.now() + delay > deadline) return { error, attempts: attempt };
      onRetry?.(attempt, error);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RECORD_RETRY_MAX_MS);
    }
  }
}

function messageOf(error: unknown): string {
  return (error as Error).message;
}

function resultOf(decision: RecordedDecision): SendOnceResult {
  if ('sent' in decision) return 'sent';
  if ('failed' in decision) return decision.failed.startsWith(IN_DOUBT_PREFIX) ? 'held' : 'failed';
  return 'skipped';
}

function leaseEndText(end: LeaseEnd): string {
  return end === 'expired' ? 'its lease expired and' : 'the earlier run of its send-mail job';
}

/** Every held email's failure reason starts with this; the release command looks for it. */
export const IN_DOUBT_PREFIX = 'in doubt: ';

/** The failure reason written for an email held in doubt. */
export function heldReason(cause: string): string {
  return `${IN_DOUBT_PREFIX}${cause}; not sent again so that nobody receives it twice — check the relay's log, then release it with npm run mail:release`.slice(0, 1000);
}

/** The failure reason written for an email deliberately not sent. */
export function notSentReason(decision: { skip: string }): string {
  return `not sent: ${decision.skip}`.slice(0, 1000);
}
