import { COMPLAINT_STATUSES, SEVERITIES, THEME_IDS, type ComplaintStatus, type Severity } from '@app/domain';
import { OUTCOME_LABELS, SEVERITY_LABELS, themeLabel } from '@app/domain/digest';
import type { ThemeId, Outcome } from '@app/domain';

/** How statuses read and which GOV.UK tag colour each gets. */
export const STATUS_TAGS: Record<ComplaintStatus, { text: string; classes: string }> = {
  received: { text: 'Received', classes: 'govuk-tag--grey' },
  processing: { text: 'Processing', classes: 'govuk-tag--blue' },
  processed: { text: 'Processed', classes: 'govuk-tag--green' },
  duplicate: { text: 'Duplicate', classes: 'govuk-tag--purple' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
};

export const SEVERITY_TAGS: Record<Severity, { text: string; classes: string }> = {
  low: { text: SEVERITY_LABELS.low, classes: 'govuk-tag--grey' },
  medium: { text: SEVERITY_LABELS.medium, classes: 'govuk-tag--yellow' },
  high: { text: SEVERITY_LABELS.high, classes: 'govuk-tag--orange' },
  serious: { text: SEVERITY_LABELS.serious, classes: 'govuk-tag--red' },
};

export const SEVERITY_HINTS: Record<Severity, string> = {
  low: 'Inconvenience, no lasting effect',
  medium: 'Distress, time or money lost',
  high: 'Significant harm or loss, or a person left without a service they needed',
  serious: 'Death, lasting or life-changing harm, or a person put at risk of serious harm',
};

export const STATUS_OPTIONS = COMPLAINT_STATUSES.map((id) => ({ value: id, text: STATUS_TAGS[id].text }));
export const SEVERITY_OPTIONS = SEVERITIES.map((id) => ({ value: id, text: SEVERITY_LABELS[id] }));
export const THEME_OPTIONS = THEME_IDS.map((id) => ({ value: id, text: themeLabel(id) }));

export function themeName(id: string): string {
  return themeLabel(id as ThemeId);
}

export function outcomeName(id: string): string {
  return OUTCOME_LABELS[id as Outcome] ?? id;
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const DAY_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

/** "1 March 2026". */
export function formatDay(value: Date | string | null | undefined): string {
  return value ? DAY.format(new Date(value)) : '';
}

/** "1 March 2026, 9:30am". */
export function formatDayTime(value: Date | string | null | undefined): string {
  return value ? DAY_TIME.format(new Date(value)).replace(' am', 'am').replace(' pm', 'pm') : '';
}

/** Confidence 0..1 as a whole percentage, or a dash when a reviewer gave the theme. */
export function formatConfidence(value: number | null | undefined): string {
  return typeof value === 'number' ? `${Math.round(value * 100)}%` : '—';
}
