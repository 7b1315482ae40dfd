import { THEME_IDS, type DigestFrequency, type ThemeId } from '@app/domain';
import { contactFieldProblems, parseServiceAreaLines, type ContactField, type ContactFields } from '@app/domain/contacts';
import { THEME_LABELS } from '@app/domain/digest';

/** What the add/edit form holds, as typed: shown again unchanged when something is wrong. */
export interface ContactFormValues {
  name: string;
  email: string;
  /** One service area per line (commas are allowed inside a service area's name). */
  serviceAreas: string;
  themes: string[];
  digest: string;
}

/** `{ fieldId: message }` for the error summary and the inline messages. */
export type FormErrors = Partial<Record<ContactField, string>>;

export type ContactFormResult = { ok: true; fields: ContactFields } | { ok: false; errors: FormErrors };

export const THEME_CHOICES: ReadonlyArray<{ value: ThemeId; text: string }> = THEME_IDS.map((id) => ({ value: id, text: THEME_LABELS[id] }));

/** Form bodies arrive urlencoded: a field is a string, an array when repeated, or absent. */
export function readContactForm(body: Record<string, unknown> | undefined): ContactFormValues {
  const form = body ?? {};
  const themes = form.themes;
  return {
    name: text(form.name).trim(),
    email: text(form.email).trim(),
    serviceAreas: text(form.serviceAreas),
    themes: (Array.isArray(themes) ? themes : themes === undefined ? [] : [themes]).filter((value): value is string => typeof value === 'string'),
    digest: text(form.digest),
  };
}

const FIELD_ORDER: readonly ContactField[] = ['name', 'email', 'serviceAreas', 'themes', 'digest'];

/** The page's own words for a question left unanswered (the GOV.UK pattern); any other problem is the shared rule's. */
const MISSING: Partial<Record<ContactField, string>> = {
  name: 'Enter the contact’s name',
  email: 'Enter the contact’s email address',
  digest: 'Select how often the contact gets a digest',
};

/** Checks the form with the API's rules (libs/domain/src/contacts). Errors come in the order of the fields on the page. */
export function validateContactForm(values: ContactFormValues): ContactFormResult {
  const candidate = { name: values.name, email: values.email, serviceAreas: parseServiceAreaLines(values.serviceAreas), themes: values.themes, digest: values.digest };
  const found = new Map(contactFieldProblems(candidate).map((problem) => [problem.field, problem.message]));
  const errors: FormErrors = {};
  for (const field of FIELD_ORDER) {
    const message = candidate[field] === '' ? MISSING[field] : found.get(field);
    if (message) errors[field] = message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fields: { ...candidate, themes: values.themes as ThemeId[], digest: values.digest as DigestFrequency } };
}

/** The form filled in from a stored contact, for the edit page. */
export function formValuesOf(contact: ContactFields): ContactFormValues {
  return { name: contact.name, email: contact.email, serviceAreas: contact.serviceAreas.join('\n'), themes: [...contact.themes], digest: contact.digest };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
