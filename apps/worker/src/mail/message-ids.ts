import { contactDigestKey, digestPeriod, messageId, type DigestPeriodFrequency } from '@app/domain/digest';

/**
 * The Message-ID of each kind of email, derived from its row so the same email always
 * carries the same one (a resend, a release of a held email). Shared by the sender and the
 * `mail:release` command, which shows it so the relay's log can be searched.
 */
export function alertMessageId(deliveryId: string, domain: string): string {
  return messageId('delivery', deliveryId, domain);
}

/** `periodKey` of the digest's period in the organisation's zone (digestPeriod(...).key). */
export function contactDigestMessageId(periodKey: string, contactId: string, domain: string): string {
  return messageId('digest', contactDigestKey(periodKey, contactId), domain);
}

/** The period key a digest row was planned for, in its organisation's time zone. */
export function digestPeriodKey(frequency: DigestPeriodFrequency, periodEnd: Date, timeZone: string): string {
  return digestPeriod(frequency, periodEnd, timeZone).key;
}

export function ombudsmanMessageId(kind: 'weekly-summary' | 'rising-theme', key: string, contactId: string, domain: string): string {
  return messageId(kind === 'weekly-summary' ? 'digest' : 'alert', `ombudsman:${key}:contact:${contactId}`, domain);
}
