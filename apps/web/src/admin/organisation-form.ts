import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { NewOrganisation } from '@app/persistence';
import { CreateOrganisationDto } from '@app/persistence/administration';
import { formText } from './admin-flash';

/** What the operator typed, kept to show again beside the errors. */
export interface OrganisationFormValues {
  name: string;
  kind: string;
  sector: string;
  type: string;
  region: string;
}

export type OrganisationFormCheck = { ok: true; input: NewOrganisation } | { ok: false; errors: Record<string, string> };

/** GOV.UK wording per field and class-validator rule; the rules themselves are the API's (CreateOrganisationDto). */
const MESSAGES: Record<keyof OrganisationFormValues, { empty?: string; tooLong: string; other: string }> = {
  name: { empty: 'Enter the organisation’s name', tooLong: 'Name must be 200 characters or fewer', other: 'Name must not contain control characters' },
  kind: { tooLong: '', other: 'Select whether it is a public body or the Ombudsman' },
  sector: { tooLong: '', other: 'Select the sector' },
  type: { tooLong: 'Type must be 100 characters or fewer', other: 'Type must not contain control characters' },
  region: { tooLong: 'Region must be 100 characters or fewer', other: 'Region must not contain control characters' },
};

export function readOrganisationForm(form: Record<string, unknown>): OrganisationFormValues {
  return { name: formText(form, 'name'), kind: formText(form, 'kind'), sector: formText(form, 'sector'), type: formText(form, 'type'), region: formText(form, 'region') };
}

/** Validates with the same DTO as `POST /v1/organisations`; empty optional fields are left out. */
export function checkOrganisationForm(values: OrganisationFormValues): OrganisationFormCheck {
  const candidate = { name: values.name, kind: values.kind, sector: values.sector, type: values.type || undefined, region: values.region || undefined };
  const instance = plainToInstance(CreateOrganisationDto, candidate);
  const problems = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (problems.length === 0) return { ok: true, input: instance };
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const field = problem.property as keyof OrganisationFormValues;
    const wording = MESSAGES[field];
    if (!wording || errors[field]) continue;
    const rules = Object.keys(problem.constraints ?? {});
    const value = values[field];
    errors[field] = value === '' && wording.empty ? wording.empty : rules.includes('isLength') && wording.tooLong ? wording.tooLong : wording.other;
  }
  return { ok: false, errors };
}
