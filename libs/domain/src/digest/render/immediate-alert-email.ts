import { isUpheld } from '../../model/taxonomy';
import type { DigestItem, OwnEntry } from '../digest-types';
import { SEVERITY_LABELS } from '../labels';
import { DEFAULT_TIME_ZONE } from '../period';
import { clip, safeHeaderText, safeText, stripControlChars } from '../safe-text';
import { toSharedEntry } from '../build-contact-digest';
import type { SharingPolicy } from '../shared-content';
import { ownEntryView, sharedEntryView, type EntryView } from './entry-view';
import { htmlTemplate, textTemplate } from './handlebars-env';
import './layout';
import { commonView, finishEmail, type CommonView, type RenderedEmail, type RenderOptions } from './rendered-email';

export interface ImmediateAlertInput extends RenderOptions {
  contactName: string;
  /** The recipient's organisation. */
  organisationName: string;
  item: DigestItem;
  /** Zone for dates in the body (default Europe/London). */
  timeZone?: string;
  /** What another body's item may show (default: no free-text summary). */
  sharing?: SharingPolicy;
}

interface AlertView extends CommonView {
  title: string;
  reason: string;
  greeting: string;
  intro: string;
  entry: EntryView;
}

const html = htmlTemplate<AlertView>(`{{> head}}
<p>{{greeting}}</p>
<p>{{intro}}</p>
{{#with entry}}{{> entry}}{{/with}}
{{> foot}}`);

const text = textTemplate<AlertView>(`{{appName}}: {{title}}

{{greeting}}

{{intro}}

{{#with entry}}{{> entry}}{{/with}}
{{> foot}}`);

/**
 * Unsubscribing stops these alerts too, and the person may be the one who must act on a serious
 * case: the alert says how to undo it (the API route is PATCH /v1/organisations/:id/contacts/:contactId).
 */
export const RESUBSCRIBE_NOTE =
  'Unsubscribing also stops these serious-case alerts. If you unsubscribed by mistake, your organisation or the service operator can subscribe you again.';

function entryFor(item: DigestItem, timeZone: string, sharing?: SharingPolicy): EntryView {
  if (item.shared) return sharedEntryView(toSharedEntry(item, sharing), timeZone);
  const base = {
    complaintId: item.complaintId,
    serviceArea: item.serviceArea,
    themes: item.themes,
    severity: item.severity,
    outcome: item.outcome,
    upheld: isUpheld(item.outcome),
    learningSummary: clip(stripControlChars(item.learningSummary), 300),
    receivedAt: item.receivedAt,
  };
  const own: OwnEntry = { ...base, reference: item.reference?.trim() || null, leadTheme: item.themes[0] ?? null };
  return ownEntryView(own, timeZone);
}

/**
 * An alert sent as soon as a routed item with mode `immediate` is processed (serious
 * cases). The subject says only severity and the recipient's organisation.
 */
export function renderImmediateAlertEmail(input: ImmediateAlertInput): RenderedEmail {
  const common = commonView(input);
  const severity = SEVERITY_LABELS[input.item.severity].toLowerCase();
  const organisation = safeText(input.organisationName, 200);
  const view: AlertView = {
    ...common,
    title: input.item.shared ? `A ${severity} case shared from your sector` : `A ${severity} case at ${organisation}`,
    reason: `You receive immediate alerts as a contact for ${organisation}. Learning summaries are redacted and may be shortened. ${RESUBSCRIBE_NOTE}`,
    greeting: `Hello ${safeText(input.contactName, 200)},`,
    intro: input.item.shared
      ? 'Another organisation in your sector has recorded a complaint with learning that matches your interests.'
      : 'A complaint with learning for your service has just been processed.',
    entry: entryFor(input.item, input.timeZone ?? DEFAULT_TIME_ZONE, input.sharing),
  };
  const subjectOrg = safeHeaderText(input.organisationName, 80);
  const subject = input.item.shared
    ? `${common.appName}: ${severity} case shared from your sector, for ${subjectOrg}`
    : `${common.appName}: ${severity} case alert for ${subjectOrg}`;
  return finishEmail(subject, text(view), html(view), common);
}
