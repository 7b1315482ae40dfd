import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { SendMailPayload } from '@app/contracts';
import {
  digestPeriod,
  renderContactDigestEmail,
  renderImmediateAlertEmail,
  renderRisingThemeAlertEmail,
  type DigestItem,
  type DigestPeriod,
  type RenderedEmail,
  type SharingPolicy,
} from '@app/domain/digest';
import type { RisingTheme } from '@app/domain/learning';
import { classifySendError, MailSender, unsubscribeUrl, type Slot } from '@app/mail';
import {
  AlertToSend,
  contactDigest,
  DeliveryRepository,
  DigestRepository,
  DigestToSend,
  OmbudsmanMailToSend,
  SendDecision,
  SendOnceResult,
  sharingPolicy,
} from '@app/persistence';
import { alertMessageId, contactDigestMessageId, ombudsmanMessageId } from './message-ids';
import { OmbudsmanWeeklyDigestService } from '../digests/ombudsman-weekly-digest.service';

/** Rising-theme baseline, as in detectRisingThemes' default. */
export const RISING_BASELINE_WEEKS = 4;

/** Why nothing goes to a contact who followed an unsubscribe link. */
const UNSUBSCRIBED = 'the contact unsubscribed';

/**
 * Renders and sends one email, at most once: the repositories claim the row that records
 * its sent state under a lease, this sends outside any transaction, and the repositories
 * record the outcome (see MailSendLease). A transient failure (relay down, 4xx) is thrown
 * so BullMQ retries; a 5xx is recorded as the row's failure; a connection lost after the
 * whole message was sent is reported in doubt (held or retried per MAIL_IN_DOUBT). A contact
 * who unsubscribed gets nothing: the row is recorded as not sent.
 */
@Injectable()
export class MailDeliveryService {
  constructor(
    private readonly mailer: MailSender,
    private readonly deliveries: DeliveryRepository,
    private readonly digests: DigestRepository,
    private readonly ombudsmanDigest: OmbudsmanWeeklyDigestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `holder`: the send-mail job id, which only one worker runs at a time (see MailSendLease).
   * The email is claimed only once an SMTP connection is free for it (MailSender.reserveConnection):
   * a crash then finds in doubt only emails that were being transmitted, not ones queued behind them.
   */
  async send(payload: SendMailPayload, holder?: string): Promise<SendOnceResult> {
    const slot = await this.mailer.reserveConnection();
    try {
      return await this.claimAndSend(payload, slot, holder);
    } finally {
      slot.release();
    }
  }

  private claimAndSend(payload: SendMailPayload, slot: Slot, holder?: string): Promise<SendOnceResult> {
    switch (payload.kind) {
      case 'alert':
        return this.deliveries.sendOnce(payload.id, (alert) => this.sendAlert(alert, slot), holder);
      case 'digest':
        return this.digests.sendDigestOnce(payload.id, (digest) => this.sendDigest(digest, slot), holder);
      case 'ombudsman':
        return this.digests.sendOmbudsmanOnce(payload.id, (mail) => this.sendOmbudsman(mail, slot), holder);
      default:
        throw new Error(`unknown mail kind ${String((payload as { kind: unknown }).kind)}`);
    }
  }

  private async sendAlert(alert: AlertToSend, slot: Slot): Promise<SendDecision> {
    if (alert.unsubscribed) return { skip: UNSUBSCRIBED };
    if (alert.complaintStatus === 'duplicate') return { skip: 'the complaint was found to be a duplicate' };
    // Only the redacted learning summary may be mailed; without it there is nothing safe to say.
    if (alert.learningSummary === null || alert.severity === null) return { skip: 'the complaint has no learning summary' };
    const item: DigestItem = {
      complaintId: alert.complaintId,
      reference: alert.shared ? undefined : alert.reference,
      serviceArea: alert.serviceArea,
      themes: alert.themes,
      severity: alert.severity,
      outcome: alert.outcome,
      learningSummary: alert.learningSummary,
      shared: alert.shared,
      sourceOrganisationName: alert.shared && alert.includeBodyName ? alert.sourceOrganisationName : undefined,
      sourceSector: alert.sourceSector,
      receivedAt: alert.receivedAt,
    };
    const email = renderImmediateAlertEmail({
      contactName: alert.contactName,
      organisationName: alert.organisationName,
      item,
      unsubscribeUrl: this.unsubscribeUrl(alert.contactId),
      timeZone: this.config.digestTimeZone,
      sharing: this.sharing(alert.recipientKind),
    });
    return this.deliver(slot, alert.contactName, alert.contactEmail, email, alertMessageId(alert.deliveryId, this.mailer.domain));
  }

  private async sendDigest(row: DigestToSend, slot: Slot): Promise<SendDecision> {
    if (row.unsubscribed) return { skip: UNSUBSCRIBED };
    const period = storedPeriod(row);
    const digest = await contactDigest(this.digests, row, period, { shareSummariesAcrossBodies: this.config.shareSummariesAcrossBodies });
    if (!digest) return { skip: 'nothing routed in the period' };
    const email = renderContactDigestEmail(digest, { unsubscribeUrl: this.unsubscribeUrl(row.contactId) });
    const id = contactDigestMessageId(period.key, row.contactId, this.mailer.domain);
    return this.deliver(slot, row.contactName, row.contactEmail, email, id);
  }

  private async sendOmbudsman(mail: OmbudsmanMailToSend, slot: Slot): Promise<SendDecision> {
    if (mail.unsubscribed) return { skip: UNSUBSCRIBED };
    const options = { unsubscribeUrl: this.unsubscribeUrl(mail.contactId) };
    const id = ombudsmanMessageId(mail.kind, mail.key, mail.contactId, this.mailer.domain);
    if (mail.kind === 'rising-theme') {
      const payload = mail.payload as { weekStart: string; rising: RisingTheme[]; revealedLate?: boolean };
      const email = renderRisingThemeAlertEmail({
        ...options,
        recipientName: mail.contactName,
        rising: payload.rising,
        weekStart: payload.weekStart,
        revealedLate: payload.revealedLate === true,
        factor: this.config.risingThemeFactor,
        baselineWeeks: RISING_BASELINE_WEEKS,
      });
      return this.deliver(slot, mail.contactName, mail.contactEmail, email, id);
    }
    if (!mail.periodStart || !mail.periodEnd) return { failed: 'weekly summary without a period' };
    // Counted by arrival (see OmbudsmanWeeklyDigestService): what reached us in the week.
    const email = await this.ombudsmanDigest.render(mail.periodStart, mail.periodEnd, { ...options, recipientName: mail.contactName });
    if (!email) return { skip: 'no complaints arrived in the period' };
    return this.deliver(slot, mail.contactName, mail.contactEmail, email, id);
  }

  private sharing(recipientKind: string): SharingPolicy {
    return sharingPolicy(this.config.shareSummariesAcrossBodies, recipientKind);
  }

  /** Hands the message to SMTP; the connection's slot is given back as soon as SMTP is done with it, before the outcome is recorded. */
  private async deliver(slot: Slot, name: string, address: string, email: RenderedEmail, id: string): Promise<SendDecision> {
    try {
      await this.mailer.send({ to: { name, address }, subject: email.subject, text: email.text, html: email.html, headers: email.headers, messageId: id });
      return { sent: id };
    } catch (error) {
      const failure = classifySendError(error);
      if (failure.permanent) return { failed: failure.message };
      if (failure.inDoubt) return { inDoubt: failure.message };
      throw failure;
    } finally {
      slot.release();
    }
  }

  private unsubscribeUrl(contactId: string): string {
    return unsubscribeUrl(this.config.publicUrl, this.config.unsubscribeKeys, contactId);
  }
}

/** The period a digest row was planned for, with its key and previous start, in the organisation's zone. */
function storedPeriod(row: DigestToSend): DigestPeriod {
  const period = digestPeriod(row.frequency, row.periodEnd, row.timeZone);
  if (period.start.getTime() === row.periodStart.getTime()) return period;
  // The organisation changed time zone since planning: keep the planned window.
  const length = row.periodEnd.getTime() - row.periodStart.getTime();
  return { ...period, start: row.periodStart, end: row.periodEnd, previousStart: new Date(row.periodStart.getTime() - length) };
}
