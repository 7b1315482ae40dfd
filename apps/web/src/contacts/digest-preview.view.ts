import { OUTCOME_LABELS, SECTOR_LABELS, SEVERITY_LABELS, themeLabel, type DigestPeriod, type OwnEntry, type SharedEntry } from '@app/domain/digest';
import type { DigestPreview } from './digest-preview.service';

/** Template data for the preview page: labels, not ids; no HTML (the template escapes everything). */
export function digestPreviewView(preview: DigestPreview) {
  const base = {
    state: preview.state,
    contactId: preview.recipient.contactId,
    contactName: preview.recipient.contactName,
    frequency: preview.recipient.digest,
    isOmbudsman: preview.recipient.organisationKind === 'ombudsman',
  };
  if (preview.state === 'unsubscribed' || preview.state === 'no-digest') return base;
  const period = periodSoFar(preview.period);
  if (preview.state === 'empty') return { ...base, period };
  const { digest, email } = preview;
  const own = digest.groups.flatMap((group) => group.entries);
  return {
    ...base,
    period,
    subject: email.subject,
    text: email.text,
    ownTotal: digest.totals.count,
    ownRows: own.map(ownRow),
    ownOmitted: digest.omitted,
    sharedTotal: digest.shared.total,
    sharedRows: digest.shared.entries.map(sharedRow),
  };
}

function ownRow(entry: OwnEntry) {
  return {
    reference: entry.reference ?? 'No reference',
    serviceArea: entry.serviceArea,
    themes: entry.themes.map(themeLabel).join(', ') || 'None found',
    severity: SEVERITY_LABELS[entry.severity],
    outcome: OUTCOME_LABELS[entry.outcome],
  };
}

function sharedRow(entry: SharedEntry) {
  return {
    source: entry.sourceOrganisationName ?? (entry.sector ? `A body in ${SECTOR_LABELS[entry.sector].toLowerCase()}` : 'Another body'),
    themes: entry.themes.map(themeLabel).join(', ') || 'None found',
    severity: SEVERITY_LABELS[entry.severity],
    outcome: OUTCOME_LABELS[entry.outcome],
  };
}

/** "Friday 4 December 2026 so far" or "the week from Monday 30 November 2026 so far", in the organisation's zone (as the email dates it). */
function periodSoFar(period: DigestPeriod): string {
  const { timeZone } = period;
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone }).format(period.start);
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(period.start);
  return period.frequency === 'daily' ? `${weekday} ${date} so far` : `the week from ${weekday} ${date} so far`;
}
