import type { Remedy, Sector, Severity, ThemeId } from '../model/taxonomy';
import { OUTCOME_LABELS } from '../model/taxonomy';

export { OUTCOME_LABELS };

/*
 * Human wording for the fixed vocabularies. Records keyed by the union types so adding a
 * theme, outcome or remedy to the taxonomy fails to compile until it has a label here.
 */

export const THEME_LABELS: Record<ThemeId, string> = {
  'clinical-care': 'Clinical care',
  diagnosis: 'Diagnosis',
  medication: 'Medication',
  'discharge-transfer': 'Discharge and transfer',
  communication: 'Communication',
  'complaint-handling': 'Complaint handling',
  delay: 'Delay',
  'staff-attitude': 'Staff attitude',
  'access-to-services': 'Access to services',
  'record-keeping': 'Record keeping',
  'discrimination-equality': 'Discrimination and equality',
  safeguarding: 'Safeguarding',
  'dignity-privacy': 'Dignity and privacy',
  'policy-decision': 'Policy and decisions',
  'financial-remedy-billing': 'Charges, refunds and billing',
  'benefits-tax': 'Benefits and tax',
  housing: 'Housing',
  'education-send': 'Education and SEND',
  'social-care': 'Social care',
  'planning-environment': 'Planning and environment',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  serious: 'Serious',
};


export const SECTOR_LABELS: Record<Sector, string> = {
  health: 'Health',
  'local-government': 'Local government',
  'central-government': 'Central government',
  'social-care': 'Social care',
  other: 'Other',
};

export const REMEDY_LABELS: Record<Remedy, string> = {
  apology: 'Apology',
  explanation: 'Explanation',
  financial: 'Financial remedy',
  'service-change': 'Service change',
  'staff-training': 'Staff training',
  'policy-change': 'Policy change',
  other: 'Other',
};

/** Label for a theme id; an id the taxonomy no longer has (old rows) is shown as it is. */
export function themeLabel(theme: ThemeId | null): string {
  if (theme === null) return 'Not yet themed';
  return THEME_LABELS[theme] ?? theme;
}
