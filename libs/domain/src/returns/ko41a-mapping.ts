import type { ThemeId } from '../model/taxonomy';

/*
 * This service's themes → KO41a subject areas (section 7 of the NHS hospital and community
 * health services written complaints return). The table and the guidance it follows are in
 * docs/returns.md. Rules taken from the KO41a guidelines: a complaint that touches several
 * subjects is recorded under each of them (so subject totals may exceed the number of new
 * complaints), and one that fits no subject goes under "Other".
 */

export interface Ko41aSubject {
  /** A stable key for files and code (KO41a itself identifies subjects by their names). */
  code: string;
  name: string;
}

export const KO41A_SUBJECTS = [
  { code: 'access-treatment-drugs', name: 'Access to treatment or drugs' },
  { code: 'admissions-discharges', name: 'Admissions and discharges' },
  { code: 'appointments', name: 'Appointments' },
  { code: 'clinical-treatment', name: 'Clinical treatment' },
  { code: 'commissioning', name: 'Commissioning' },
  { code: 'communications', name: 'Communications' },
  { code: 'complaints-handling', name: 'Complaints handling' },
  { code: 'consent', name: 'Consent' },
  { code: 'end-of-life-care', name: 'End of life care' },
  { code: 'facilities', name: 'Facilities' },
  { code: 'integrated-care', name: 'Integrated care' },
  { code: 'patient-care', name: 'Patient care' },
  { code: 'prescribing', name: 'Prescribing' },
  { code: 'privacy-dignity-wellbeing', name: 'Privacy, dignity and wellbeing' },
  { code: 'staff-numbers', name: 'Staff numbers' },
  { code: 'trust-admin-records', name: 'Trust admin, policies and procedures (including patient record management)' },
  { code: 'values-behaviours', name: 'Values and behaviours (staff)' },
  { code: 'waiting-times', name: 'Waiting times' },
  { code: 'other', name: 'Other' },
] as const satisfies readonly Ko41aSubject[];

export type Ko41aSubjectCode = (typeof KO41A_SUBJECTS)[number]['code'];

/**
 * Each theme's KO41a subject, or 'other'. Every theme is listed (the type makes a new theme
 * a compile error here), so "other" is always a decision, never an omission.
 */
export const THEME_TO_KO41A: Readonly<Record<ThemeId, Ko41aSubjectCode>> = {
  'clinical-care': 'clinical-treatment',
  // KO41a treats diagnosis as part of clinical treatment (its section 6 breaks that subject down).
  diagnosis: 'clinical-treatment',
  medication: 'prescribing',
  'discharge-transfer': 'admissions-discharges',
  communication: 'communications',
  'complaint-handling': 'complaints-handling',
  delay: 'waiting-times',
  'staff-attitude': 'values-behaviours',
  'access-to-services': 'access-treatment-drugs',
  'record-keeping': 'trust-admin-records',
  'discrimination-equality': 'other',
  safeguarding: 'other',
  'dignity-privacy': 'privacy-dignity-wellbeing',
  'policy-decision': 'trust-admin-records',
  'financial-remedy-billing': 'other',
  'benefits-tax': 'other',
  housing: 'other',
  'education-send': 'other',
  // In an NHS return, social care complaints are about care packages across health and care.
  'social-care': 'integrated-care',
  'planning-environment': 'other',
};

/** The subjects one complaint is recorded under: each once, however many of its themes map there; 'other' if none. */
export function ko41aSubjectsFor(themes: readonly ThemeId[]): Ko41aSubjectCode[] {
  const subjects = new Set<Ko41aSubjectCode>(themes.map((theme) => THEME_TO_KO41A[theme] ?? 'other'));
  if (subjects.size === 0) subjects.add('other');
  return KO41A_SUBJECTS.map((s) => s.code).filter((code) => subjects.has(code));
}
