import { buildContactDigest, type ContactDigest, type DigestPeriod, type SharingPolicy } from '@app/domain/digest';
import type { ContactDigestRecipient, DigestRepository } from '../repositories/digest.repository';

/** Other bodies get free-text summaries only when SHARE_SUMMARIES_ACROSS_BODIES is on; the Ombudsman always. */
export function sharingPolicy(shareSummariesAcrossBodies: boolean, recipientKind: string): SharingPolicy {
  return { shareSummaries: shareSummariesAcrossBodies, recipientIsOmbudsman: recipientKind === 'ombudsman' };
}

/**
 * A contact's digest for a period, from what was routed to the contact in it and the period
 * before: the one assembly the worker's sender and the web app's preview share, so a preview
 * shows exactly what would be sent. Null when nothing was routed (no email is sent then).
 */
export async function contactDigest(
  digests: DigestRepository,
  recipient: ContactDigestRecipient,
  period: DigestPeriod,
  options: { shareSummariesAcrossBodies: boolean; dataAsOf?: Date },
): Promise<ContactDigest | null> {
  const [items, previous] = await Promise.all([
    digests.items(recipient.contactId, period.start, period.end),
    digests.previousCounts(recipient.contactId, period.previousStart, period.start),
  ]);
  return buildContactDigest({
    contact: { id: recipient.contactId, name: recipient.contactName, email: recipient.contactEmail, serviceAreas: recipient.serviceAreas, themes: recipient.themes },
    organisation: { id: recipient.organisationId, name: recipient.organisationName },
    period,
    items,
    previousThemeCounts: previous.themes,
    previousTotal: previous.total,
    sharing: sharingPolicy(options.shareSummariesAcrossBodies, recipient.organisationKind),
    ...(options.dataAsOf ? { dataAsOf: options.dataAsOf } : {}),
  });
}
