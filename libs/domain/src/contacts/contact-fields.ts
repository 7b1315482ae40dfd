import { DIGEST_FREQUENCIES, THEME_IDS, type DigestFrequency, type ThemeId } from '../model/taxonomy';
import { isEmailAddress } from './email-address';

/**
 * The rules for a contact's fields, one place for every way a contact is added or changed:
 * the JSON API (its DTOs delegate here) and the web pages. Each rule takes the value as it
 * arrived and answers null when it is acceptable, else a sentence saying why it is not,
 * written for a person (the web shows it beside the field; the API returns it in `details`).
 */
export const CONTACT_LIMITS = {
  nameMax: 200,
  emailMin: 3,
  emailMax: 254,
  serviceAreaMax: 200,
  serviceAreasMax: 100,
} as const;

export type ContactField = 'name' | 'email' | 'serviceAreas' | 'themes' | 'digest';

/** Names and emails end up in mail headers: no control characters, ever. */
const CONTROL = /[\u0000-\u001f\u007f]/;

const THEMES: ReadonlySet<string> = new Set(THEME_IDS);
const FREQUENCIES: ReadonlySet<string> = new Set(DIGEST_FREQUENCIES);

export function contactNameProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'Enter a name';
  if (value.length > CONTACT_LIMITS.nameMax) return `Name must be ${CONTACT_LIMITS.nameMax} characters or fewer`;
  if (CONTROL.test(value)) return 'Name must not contain line breaks or other control characters';
  return null;
}

export function contactEmailProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'Enter an email address';
  if (value.length < CONTACT_LIMITS.emailMin || value.length > CONTACT_LIMITS.emailMax || CONTROL.test(value) || !isEmailAddress(value)) {
    return 'Enter an email address in the correct format, like name@example.org';
  }
  return null;
}

export function serviceAreasProblem(value: unknown): string | null {
  if (!Array.isArray(value) || !value.every((area) => typeof area === 'string')) return 'Service areas must be a list of names';
  if (value.length > CONTACT_LIMITS.serviceAreasMax) return `Enter ${CONTACT_LIMITS.serviceAreasMax} service areas or fewer`;
  if (value.some((area: string) => area.length === 0)) return 'A service area must not be empty';
  if (value.some((area: string) => area.length > CONTACT_LIMITS.serviceAreaMax)) return `Each service area must be ${CONTACT_LIMITS.serviceAreaMax} characters or fewer`;
  return null;
}

export function themesProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'Themes must be a list of theme ids';
  const unknown = value.find((theme) => typeof theme !== 'string' || !THEMES.has(theme));
  if (unknown !== undefined) return `Themes must be from the taxonomy (${THEME_IDS.join(', ')})`;
  return null;
}

export function digestProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !FREQUENCIES.has(value)) return 'Select how often the contact gets a digest: daily, weekly or none';
  return null;
}

export const CONTACT_FIELD_RULES: Readonly<Record<ContactField, (value: unknown) => string | null>> = {
  name: contactNameProblem,
  email: contactEmailProblem,
  serviceAreas: serviceAreasProblem,
  themes: themesProblem,
  digest: digestProblem,
};

/** A contact's fields once every rule has passed. */
export interface ContactFields {
  name: string;
  email: string;
  serviceAreas: string[];
  themes: ThemeId[];
  digest: DigestFrequency;
}

export interface ContactFieldProblem {
  field: ContactField;
  message: string;
}

/** Every problem with the given fields, in field order; absent fields are not checked. */
export function contactFieldProblems(fields: Partial<Record<ContactField, unknown>>): ContactFieldProblem[] {
  const problems: ContactFieldProblem[] = [];
  for (const field of Object.keys(CONTACT_FIELD_RULES) as ContactField[]) {
    if (fields[field] === undefined) continue;
    const message = CONTACT_FIELD_RULES[field](fields[field]);
    if (message !== null) problems.push({ field, message });
  }
  return problems;
}

/**
 * Service areas typed into a text box, one per line: each trimmed, blank lines dropped, and
 * the same area twice (ignoring case) kept once. Runs in linear time.
 */
export function parseServiceAreaLines(text: string): string[] {
  const seen = new Set<string>();
  const areas: string[] = [];
  for (const line of text.split('\n')) {
    const area = line.trim();
    const key = area.toLowerCase();
    if (area === '' || seen.has(key)) continue;
    seen.add(key);
    areas.push(area);
  }
  return areas;
}
