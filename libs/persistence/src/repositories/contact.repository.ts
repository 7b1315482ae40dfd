import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DigestFrequency, OrganisationKind, ThemeId } from '@app/domain';
import { AuditRepository, type AuditActor } from './audit.repository';
import type { NewContact } from './organisation.repository';
import { execute, queryRows } from './query-rows';
import { retryOnDeadlock } from './retry-deadlock';

/** A stored contact: what was registered (NewContact) and its state. */
export interface ContactRow extends NewContact {
  id: string;
  /** Set by the unsubscribe link: while set, the contact gets no email of any kind. */
  unsubscribedAt: Date | null;
  createdAt: Date;
}

/** What a PATCH may change; absent fields stay as they are. */
export interface ContactChange {
  name?: string;
  email?: string;
  serviceAreas?: string[];
  themes?: ThemeId[];
  digest?: DigestFrequency;
  /** false: no email of any kind (as the unsubscribe link); true: email again. */
  subscribed?: boolean;
}

export type ContactUpdate = { outcome: 'updated'; contact: ContactRow } | { outcome: 'not-found' } | { outcome: 'email-taken' };

/** What a deleted contact's email rows were: unsent ones are discarded with it, sent ones forgotten. */
export interface DiscardedMail {
  unsentAlerts: number;
  unsentDigestItems: number;
  unsentDigests: number;
  unsentOmbudsmanMail: number;
  sent: number;
}

export type ContactRemoval =
  | { outcome: 'deleted'; discarded: DiscardedMail }
  | { outcome: 'not-found' }
  /** An email to the contact is being handed to the relay right now: try again after this long. */
  | { outcome: 'sending'; retryAfterSeconds: number };

const COLUMNS = `id, organisation_id AS "organisationId", name, email, service_areas AS "serviceAreas", themes, digest,
  unsubscribed_at AS "unsubscribedAt", created_at AS "createdAt"`;

/** A contact who may sign in to the web app: its organisation is not suspended. */
export interface SignInContactRow {
  contactId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
}

/** Contacts as the contact-management API sees them (the unsubscribe link: UnsubscribeRepository); every change is audited. */
@Injectable()
export class ContactRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async list(organisationId: string): Promise<ContactRow[]> {
    return queryRows<ContactRow>(this.db, `SELECT ${COLUMNS} FROM contact WHERE organisation_id = $1 ORDER BY created_at, id`, [organisationId]);
  }

  /**
   * Every contact registered with this address (case-insensitive) at an organisation that is
   * not suspended, for web sign-in. Unsubscribing stops email, not access, so it does not count.
   */
  async findForSignIn(email: string): Promise<SignInContactRow[]> {
    return queryRows<SignInContactRow>(
      this.db,
      `SELECT c.id AS "contactId", c.name, o.id AS "organisationId", o.name AS "organisationName", o.kind AS "organisationKind"
         FROM contact c JOIN organisation o ON o.id = c.organisation_id
        WHERE lower(c.email) = lower($1) AND o.suspended_at IS NULL
        ORDER BY o.name, o.id`,
      [email],
    );
  }

  /** One sign-in contact by id, or undefined when it is gone or its organisation is suspended. */
  async findSignInContact(contactId: string): Promise<SignInContactRow | undefined> {
    const [row] = await queryRows<SignInContactRow>(
      this.db,
      `SELECT c.id AS "contactId", c.name, o.id AS "organisationId", o.name AS "organisationName", o.kind AS "organisationKind"
         FROM contact c JOIN organisation o ON o.id = c.organisation_id
        WHERE c.id = $1 AND o.suspended_at IS NULL`,
      [contactId],
    );
    return row;
  }

  /** One contact of `organisationId`; undefined when there is none (or it is another organisation's). */
  async find(organisationId: string, contactId: string): Promise<ContactRow | undefined> {
    const [row] = await queryRows<ContactRow>(this.db, `SELECT ${COLUMNS} FROM contact WHERE id = $1 AND organisation_id = $2`, [contactId, organisationId]);
    return row;
  }

  /**
   * Applies a PATCH to a contact of `organisationId`. `subscribed: true` or a daily/weekly
   * digest clears the unsubscribe (asking for digests is asking for mail); `subscribed: false`
   * unsubscribes as the link does. The audit row names the fields changed, never their values.
   */
  async update(organisationId: string, contactId: string, change: ContactChange, actor: AuditActor): Promise<ContactUpdate> {
    try {
      return await this.db.transaction(async (em): Promise<ContactUpdate> => {
        const before = await this.lock(em, contactId, organisationId);
        if (!before) return { outcome: 'not-found' };
        const subscribed = resolveSubscribed(before, change);
        const digest = subscribed ? (change.digest ?? before.digest) : 'none';
        const [after] = await queryRows<ContactRow>(
          em,
          `UPDATE contact SET digest = $2, unsubscribed_at = CASE WHEN $3 THEN NULL ELSE coalesce(unsubscribed_at, now()) END,
                  name = coalesce($4, name), email = coalesce($5, email),
                  service_areas = coalesce($6::text[], service_areas), themes = coalesce($7::text[], themes)
            WHERE id = $1 RETURNING ${COLUMNS}`,
          [contactId, digest, subscribed, change.name ?? null, change.email ?? null, change.serviceAreas ?? null, change.themes ?? null],
        );
        const changed = changedFields(before, after);
        const wasSubscribed = before.unsubscribedAt === null;
        // Digest and subscription speak for themselves in the detail; other fields by name only.
        const fields = changed.filter((field) => field !== 'digest' && field !== 'subscribed');
        const detail = { previousDigest: before.digest, digest, ...(fields.length > 0 ? { fields } : {}) };
        if (wasSubscribed !== subscribed) await this.record(em, actor, subscribed ? 'contact.resubscribe' : 'contact.unsubscribe', before, detail);
        else if (changed.length > 0) await this.record(em, actor, 'contact.update', before, detail);
        return { outcome: 'updated', contact: after };
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return { outcome: 'email-taken' };
      throw error;
    }
  }

  /**
   * Deletes a contact of `organisationId`, and with it (ON DELETE CASCADE) every alert,
   * digest and Ombudsman email row addressed to it: unsent ones are never sent, sent ones
   * stop holding the address. Nothing can be sent to it afterwards:
   *
   * - A sender claims an email by locking its row (`FOR UPDATE … SKIP LOCKED`, MailSendLease)
   *   and loads the address in that claim. The contact row is locked first, then every one of
   *   its email rows, so a claim in progress finishes before the check below; a claim after it
   *   skips the locked row (busy), then finds it gone (missing) and sends nothing.
   * - An email already claimed (a live lease, not done) may be in the SMTP exchange right now
   *   and cannot be called back: the deletion is refused with the time the lease has left,
   *   rather than report success while a message to the address may still go out.
   * - New alerts or digests cannot be planned for it: routing and digest planning insert rows
   *   referencing the contact, which wait for this transaction and then fail their foreign key
   *   (their jobs retry and no longer find the contact).
   */
  async remove(organisationId: string, contactId: string, actor: AuditActor): Promise<ContactRemoval> {
    return retryOnDeadlock(() =>
      this.db.transaction(async (em): Promise<ContactRemoval> => {
        const before = await this.lock(em, contactId, organisationId);
        if (!before) return { outcome: 'not-found' };
        for (const table of ['delivery', 'digest', 'ombudsman_mail']) {
          await execute(em, `SELECT id FROM ${table} WHERE contact_id = $1 ORDER BY id FOR UPDATE`, [contactId]);
        }
        const [state] = await queryRows<DiscardedMail & { leaseMs: number | null }>(em, MAIL_STATE, [contactId]);
        if (state.leaseMs !== null) return { outcome: 'sending', retryAfterSeconds: Math.max(1, Math.ceil(state.leaseMs / 1000)) };
        const { leaseMs: _lease, ...discarded } = state;
        await execute(em, `DELETE FROM contact WHERE id = $1`, [contactId]);
        await this.record(em, actor, 'contact.delete', before, { ...discarded });
        return { outcome: 'deleted', discarded };
      }),
    );
  }

  private async lock(em: EntityManager, contactId: string, organisationId?: string): Promise<ContactRow | undefined> {
    const [row] = await queryRows<ContactRow>(
      em,
      `SELECT ${COLUMNS} FROM contact WHERE id = $1 AND ($2::uuid IS NULL OR organisation_id = $2) FOR UPDATE`,
      [contactId, organisationId ?? null],
    );
    return row;
  }

  /** Ids and labels only: the audit trail never holds names or email addresses. */
  private record(em: EntityManager, actor: AuditActor, action: string, contact: ContactRow, detail: Record<string, unknown>): Promise<void> {
    return this.audit.record({ actor, action, subjectType: 'contact', subjectId: contact.id, organisationId: contact.organisationId, detail }, em);
  }
}

function resolveSubscribed(before: ContactRow, change: ContactChange): boolean {
  if (change.subscribed !== undefined) return change.subscribed;
  if (change.digest === 'daily' || change.digest === 'weekly') return true;
  return before.unsubscribedAt === null;
}

const UNIQUE_VIOLATION = '23505';

/** The contact's email rows by state, and how long the longest live claim on one still has (null: none). */
const MAIL_STATE = `
  SELECT (SELECT count(*) FROM delivery WHERE contact_id = $1 AND mode = 'immediate' AND sent_at IS NULL AND failure_reason IS NULL)::int AS "unsentAlerts",
         (SELECT count(*) FROM delivery WHERE contact_id = $1 AND mode = 'digest' AND sent_at IS NULL AND failure_reason IS NULL)::int AS "unsentDigestItems",
         (SELECT count(*) FROM digest WHERE contact_id = $1 AND status = 'pending')::int AS "unsentDigests",
         (SELECT count(*) FROM ombudsman_mail WHERE contact_id = $1 AND status = 'pending')::int AS "unsentOmbudsmanMail",
         ((SELECT count(*) FROM delivery WHERE contact_id = $1 AND sent_at IS NOT NULL)
           + (SELECT count(*) FROM digest WHERE contact_id = $1 AND status = 'sent')
           + (SELECT count(*) FROM ombudsman_mail WHERE contact_id = $1 AND status = 'sent'))::int AS sent,
         extract(epoch FROM greatest(
           (SELECT max(sending_until) FROM delivery WHERE contact_id = $1 AND sent_at IS NULL AND failure_reason IS NULL AND sending_until > now()),
           (SELECT max(sending_until) FROM digest WHERE contact_id = $1 AND status = 'pending' AND sending_until > now()),
           (SELECT max(sending_until) FROM ombudsman_mail WHERE contact_id = $1 AND status = 'pending' AND sending_until > now())
         ) - now())::float8 * 1000 AS "leaseMs"`;

const CHANGEABLE: Array<keyof ContactRow> = ['name', 'email', 'serviceAreas', 'themes', 'digest', 'unsubscribedAt'];

function changedFields(before: ContactRow, after: ContactRow): string[] {
  return CHANGEABLE.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map((field) => (field === 'unsubscribedAt' ? 'subscribed' : field));
}
