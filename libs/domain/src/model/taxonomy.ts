/**
 * The fixed vocabularies of the design brief (../shared/DESIGN.md). Everything that
 * validates, classifies, routes or aggregates reads them from here, so a new theme or
 * outcome is one edit.
 */
export const THEME_IDS = [
  'clinical-care',
  'diagnosis',
  'medication',
  'discharge-transfer',
  'communication',
  'complaint-handling',
  'delay',
  'staff-attitude',
  'access-to-services',
  'record-keeping',
  'discrimination-equality',
  'safeguarding',
  'dignity-privacy',
  'policy-decision',
  'financial-remedy-billing',
  'benefits-tax',
  'housing',
  'education-send',
  'social-care',
  'planning-environment',
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const OUTCOMES = ['upheld', 'partly-upheld', 'not-upheld', 'resolved', 'withdrawn', 'open'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CHANNELS = ['letter', 'email', 'phone', 'web', 'in-person', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STAGES = ['local', 'review', 'ombudsman'] as const;
export type Stage = (typeof STAGES)[number];

export const REMEDIES = [
  'apology',
  'explanation',
  'financial',
  'service-change',
  'staff-training',
  'policy-change',
  'other',
] as const;
export type Remedy = (typeof REMEDIES)[number];

export const SECTORS = ['health', 'local-government', 'central-government', 'social-care', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const ORGANISATION_KINDS = ['public-body', 'ombudsman'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'none'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export const COMPLAINT_STATUSES = ['received', 'processing', 'processed', 'duplicate', 'failed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isUpheld(outcome: Outcome): boolean {
  return outcome === 'upheld' || outcome === 'partly-upheld';
}

/** How outcomes read in summaries and emails. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  upheld: 'Upheld',
  'partly-upheld': 'Partly upheld',
  'not-upheld': 'Not upheld',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
  open: 'Open',
};
