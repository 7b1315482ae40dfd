import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { currentDigestPeriod, renderContactDigestEmail, type ContactDigest, type DigestPeriod, type RenderedEmail } from '@app/domain/digest';
import { UNSUBSCRIBE_PATH } from '@app/mail';
import { contactDigest, DigestRepository, type DigestPreviewRecipient } from '@app/persistence';

export type DigestPreview =
  | { state: 'unsubscribed'; recipient: DigestPreviewRecipient }
  | { state: 'no-digest'; recipient: DigestPreviewRecipient }
  /** Nothing routed to the contact so far this period: no email would be sent. */
  | { state: 'empty'; recipient: DigestPreviewRecipient; period: DigestPeriod }
  | { state: 'ready'; recipient: DigestPreviewRecipient; period: DigestPeriod; digest: ContactDigest; email: RenderedEmail };

/**
 * The digest a contact would get for the period in progress, built and rendered by the same
 * domain code as the worker's sender (MailDeliveryService.sendDigest) from the same
 * repository reads. Read-only: nothing is planned, claimed, recorded or sent.
 */
@Injectable()
export class DigestPreviewService {
  constructor(
    private readonly digests: DigestRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** undefined when the contact is not one of `organisationId`'s. */
  async preview(organisationId: string, contactId: string, now: Date = new Date()): Promise<DigestPreview | undefined> {
    const recipient = await this.digests.previewRecipient(organisationId, contactId);
    if (!recipient) return undefined;
    if (recipient.unsubscribed) return { state: 'unsubscribed', recipient };
    if (recipient.digest === 'none') return { state: 'no-digest', recipient };
    const period = currentDigestPeriod(recipient.digest, now, recipient.timeZone);
    const digest = await contactDigest(this.digests, recipient, period, { shareSummariesAcrossBodies: this.config.shareSummariesAcrossBodies, dataAsOf: now });
    if (!digest) return { state: 'empty', recipient, period };
    // The real link is a bearer token acting as the contact: a colleague following it from here
    // would unsubscribe them in their name. The preview shows where it leads, without the token.
    const email = renderContactDigestEmail(digest, { unsubscribeUrl: new URL(UNSUBSCRIBE_PATH, this.config.publicUrl).href });
    return { state: 'ready', recipient, period, digest, email };
  }
}
