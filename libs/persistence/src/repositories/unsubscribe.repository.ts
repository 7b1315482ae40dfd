import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DigestFrequency } from '@app/domain';
import { AuditRepository } from './audit.repository';
import { execute, queryRows } from './query-rows';

/**
 * The unsubscribe link in every email (GET asks, the one-click POST acts). Kept apart from
 * the contact-management writes because the contact acts on itself here, authorised by the
 * signed token alone; a contact changed by its organisation goes through ContactRepository.
 */
@Injectable()
export class UnsubscribeRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * The one-click unsubscribe: no more email of any kind — no digests (`digest` becomes `none`,
   * so none are planned) and no alerts or Ombudsman emails (senders skip `unsubscribed_at`,
   * even for rows created before). False when there is no such contact. Audited once, when
   * the state changes; the row is locked so two clicks at once audit once.
   */
  async unsubscribe(contactId: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const [before] = await queryRows<{ organisationId: string; digest: DigestFrequency; unsubscribedAt: Date | null }>(
        em,
        `SELECT organisation_id AS "organisationId", digest, unsubscribed_at AS "unsubscribedAt" FROM contact WHERE id = $1 FOR UPDATE`,
        [contactId],
      );
      if (!before) return false;
      if (before.unsubscribedAt) return true;
      await execute(em, `UPDATE contact SET digest = 'none', unsubscribed_at = now() WHERE id = $1`, [contactId]);
      // Ids and labels only: the audit trail never holds names or email addresses.
      await this.audit.record(
        { actor: { kind: 'contact', id: contactId }, action: 'contact.unsubscribe', subjectType: 'contact', subjectId: contactId, organisationId: before.organisationId, detail: { previousDigest: before.digest } },
        em,
      );
      return true;
    });
  }
}
