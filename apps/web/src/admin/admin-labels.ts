import type { OrganisationKind } from '@app/domain';
import type { DeliveryMode, RoutingTargetKind } from '@app/domain/routing';
import { OUTCOME_LABELS, SECTOR_LABELS, SEVERITY_LABELS, THEME_LABELS } from '@app/domain/digest';

export { OUTCOME_LABELS, SECTOR_LABELS, SEVERITY_LABELS, THEME_LABELS };

export const KIND_LABELS: Record<OrganisationKind, string> = {
  'public-body': 'Public body',
  ombudsman: 'Ombudsman',
};

export const TARGET_LABELS: Record<RoutingTargetKind, string> = {
  'submitter-contacts': 'The submitting body’s own contacts',
  organisations: 'The contacts of chosen organisations',
  'sector-subscribers': 'Contacts in the same sector who follow the theme',
  ombudsman: 'The Ombudsman',
};

export const MODE_LABELS: Record<DeliveryMode, string> = {
  immediate: 'Straight away (an alert email)',
  digest: 'In their next digest',
};

/** `{value, text}` items for govuk radios, selects and checkboxes, in the vocabulary's order. */
export function options<K extends string>(labels: Record<K, string>, chosen: readonly string[] = []): Array<{ value: K; text: string; checked: boolean; selected: boolean }> {
  return (Object.keys(labels) as K[]).map((value) => ({ value, text: labels[value], checked: chosen.includes(value), selected: chosen.includes(value) }));
}
