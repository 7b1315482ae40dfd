import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DigestFrequency } from '@app/domain';
import { AuditRepository, type AuditActor } from './audit.repository';
import type { NewContact } from './organisation.repository';
import { queryRows } from './query-rows';

/** A stored contact: what was registered (NewContact) and its state. */
export interface ContactRow extends NewContact {
  id: string;
  /** Set by the unsubscribe link: while set, the contact gets no email of any kind. */
  unsubscribedAt: Date | null;
  createdAt: Date;
}

/** What a PATCH may change: the digest frequency, and whether the contact gets email at all. */
export interface ContactChange {
  digest?: DigestFrequency;
  subscribed?: boolean;
}

const COLUMNS = `id, organisation_id AS "organisationId", name, email, service_areas AS "serviceAreas", themes, digest,
  unsubscribed_at AS "unsubscribedAt", created_at AS "createdAt"`;

/** Contacts as the contact-management API and the unsubscribe link see them; every change is audited. */
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
   * The one-click unsubscribe: no more email of any kind — no digests (`digest` becomes `none`,
   * so none are planned) and no alerts or Ombudsman emails (senders skip `unsubscribed_at`).
   * False when there is no such contact. Audited once, when the state changes.
   */
  async unsubscribe(contactId: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const before = await this.lock(em, contactId);
      if (!before) return false;
      if (before.unsubscribedAt) return true;
      await em.query(`UPDATE contact SET digest = 'none', unsubscribed_at = now() WHERE id = $1`, [contactId]);
      await this.record(em, { kind: 'contact', id: contactId }, 'contact.unsubscribe', before, { previousDigest: before.digest });
      return true;
    });
  }

  /**
   * Applies a PATCH to a contact of `organisationId`; null when there is none. `subscribed: true`
   * or a daily/weekly digest clears the unsubscribe (asking for digests is asking for mail);
   * `subscribed: false` unsubscribes as the link does.
   */
  async update(organisationId: string, contactId: string, change: ContactChange, actor: AuditActor): Promise<ContactRow | null> {
    return this.db.transaction(async (em) => {
      const before = await this.lock(em, contactId, organisationId);
      if (!before) return null;
      const subscribed = resolveSubscribed(before, change);
      const digest = subscribed ? (change.digest ?? before.digest) : 'none';
      const [after] = await queryRows<ContactRow>(
        em,
        `UPDATE contact SET digest = $2, unsubscribed_at = CASE WHEN $3 THEN NULL ELSE coalesce(unsubscribed_at, now()) END
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [contactId, digest, subscribed],
      );
      const wasSubscribed = before.unsubscribedAt === null;
      if (wasSubscribed !== subscribed) await this.record(em, actor, subscribed ? 'contact.resubscribe' : 'contact.unsubscribe', before, { previousDigest: before.digest, digest });
      else if (before.digest !== digest) await this.record(em, actor, 'contact.update', before, { previousDigest: before.digest, digest });
      return after;
    });
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
