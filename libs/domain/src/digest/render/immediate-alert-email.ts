import { isUpheld } from '../../model/taxonomy';
import type { DigestItem, OwnEntry, SharedEntry } from '../digest-types';
import { SEVERITY_LABELS } from '../labels';
import { DEFAULT_TIME_ZONE } from '../period';
import { clip, safeHeaderText, safeText, stripControlChars } from '../safe-text';
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

function entryFor(item: DigestItem, timeZone: string): EntryView {
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
  if (item.shared) {
    const shared: SharedEntry = { ...base, sourceOrganisationName: item.sourceOrganisationName?.trim() || null };
    return sharedEntryView(shared, timeZone);
  }
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
    reason: `You receive immediate alerts as a contact for ${organisation}. Learning summaries are redacted and may be shortened.`,
    greeting: `Hello ${safeText(input.contactName, 200)},`,
    intro: input.item.shared
      ? 'Another organisation in your sector has recorded a complaint with learning that matches your interests.'
      : 'A complaint with learning for your service has just been processed.',
    entry: entryFor(input.item, input.timeZone ?? DEFAULT_TIME_ZONE),
  };
  const subjectOrg = safeHeaderText(input.organisationName, 80);
  const subject = input.item.shared
    ? `${common.appName}: ${severity} case shared from your sector, for ${subjectOrg}`
    : `${common.appName}: ${severity} case alert for ${subjectOrg}`;
  return finishEmail(subject, text(view), html(view), common);
}
