import { SEVERITIES, type Severity } from '@app/domain';
import type { RoutingRule } from '@app/domain/routing';
import type { RuleProblem } from '@app/persistence/administration';
import { formList, formText } from './admin-flash';
import { MODE_LABELS, OUTCOME_LABELS, SECTOR_LABELS, SEVERITY_LABELS, TARGET_LABELS, THEME_LABELS } from './admin-labels';

/** The rule form as typed (kept to show again beside the errors). */
export interface RuleFormValues {
  name: string;
  themes: string[];
  minSeverity: string;
  sectors: string[];
  serviceAreas: string;
  outcomes: string[];
  targetKind: string;
  targetOrganisationIds: string[];
  mode: string;
  includeBodyName: string;
}

export function readRuleForm(form: Record<string, unknown>): RuleFormValues {
  return {
    name: formText(form, 'name'),
    themes: formList(form, 'themes'),
    minSeverity: formText(form, 'minSeverity'),
    sectors: formList(form, 'sectors'),
    serviceAreas: typeof form.serviceAreas === 'string' ? form.serviceAreas : '',
    outcomes: formList(form, 'outcomes'),
    targetKind: formText(form, 'targetKind'),
    targetOrganisationIds: formList(form, 'targetOrganisationIds'),
    mode: formText(form, 'mode'),
    includeBodyName: formText(form, 'includeBodyName'),
  };
}

/**
 * The rule the form describes, as the API's JSON would carry it: empty choices are left out
 * (they match anything), so the shared validator alone decides what is wrong.
 */
export function ruleInput(values: RuleFormValues): Record<string, unknown> {
  const match: Record<string, unknown> = {};
  if (values.themes.length > 0) match.themes = values.themes;
  if (values.minSeverity !== '') match.minSeverity = values.minSeverity;
  if (values.sectors.length > 0) match.sectors = values.sectors;
  const serviceAreas = values.serviceAreas.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  if (serviceAreas.length > 0) match.serviceAreas = serviceAreas;
  if (values.outcomes.length > 0) match.outcomes = values.outcomes;
  const input: Record<string, unknown> = {
    name: values.name,
    match,
    target: values.targetKind === 'organisations' ? { kind: values.targetKind, organisationIds: values.targetOrganisationIds } : values.targetKind ? { kind: values.targetKind } : {},
  };
  if (values.mode !== '') input.mode = values.mode;
  if (values.includeBodyName !== '') input.includeBodyName = values.includeBodyName === 'yes' ? true : values.includeBodyName === 'no' ? false : values.includeBodyName;
  return input;
}

/** Validator paths (`match.themes[2]`, `target.kind`…) to the form's field ids, with GOV.UK wording. */
const FIELDS: Array<{ path: RegExp; field: keyof RuleFormValues; message: string }> = [
  { path: /^name$/, field: 'name', message: 'Enter a name for the rule' },
  { path: /^match\.themes/, field: 'themes', message: 'Select themes from the list' },
  { path: /^match\.minSeverity/, field: 'minSeverity', message: 'Select a severity from the list' },
  { path: /^match\.sectors/, field: 'sectors', message: 'Select sectors from the list' },
  { path: /^match\.serviceAreas/, field: 'serviceAreas', message: 'Enter each service area on a line of its own' },
  { path: /^match\.outcomes/, field: 'outcomes', message: 'Select outcomes from the list' },
  { path: /^target\.organisationIds/, field: 'targetOrganisationIds', message: 'Select at least one organisation to tell' },
  { path: /^target/, field: 'targetKind', message: 'Select who is told' },
  { path: /^mode$/, field: 'mode', message: 'Select when they are told' },
  { path: /^includeBodyName$/, field: 'includeBodyName', message: 'Select whether they see the submitting body’s name' },
];

/** `{ fieldId: message }` for the error summary: the first problem the validator found per field. */
export function ruleErrors(problems: readonly RuleProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const known = FIELDS.find((candidate) => candidate.path.test(problem.field));
    const field = known?.field ?? 'name';
    if (!errors[field]) errors[field] = known?.message ?? `The rule is not valid: ${problem.field} ${problem.message}`;
  }
  return errors;
}

/** The form's choices, with what was picked marked. */
export function ruleFormChoices(values: RuleFormValues, organisations: ReadonlyArray<{ id: string; name: string }>) {
  const mark = (labels: Record<string, string>, chosen: readonly string[]) => Object.entries(labels).map(([value, text]) => ({ value, text, checked: chosen.includes(value) }));
  return {
    themeItems: mark(THEME_LABELS, values.themes),
    severityItems: [{ value: '', text: 'Any severity', checked: values.minSeverity === '' }, ...mark(Object.fromEntries(SEVERITIES.map((key) => [key, severityFloor(key)])), [values.minSeverity])],
    sectorItems: mark(SECTOR_LABELS, values.sectors),
    outcomeItems: mark(OUTCOME_LABELS, values.outcomes),
    targetItems: mark(TARGET_LABELS, [values.targetKind]),
    targetOrganisationsLabel: TARGET_LABELS.organisations,
    organisationItems: organisations.map((organisation) => ({ value: organisation.id, text: organisation.name, checked: values.targetOrganisationIds.includes(organisation.id) })),
    modeItems: mark(MODE_LABELS, [values.mode]),
    includeBodyNameItems: mark({ yes: 'Yes, name the submitting body', no: 'No, share it anonymised' }, [values.includeBodyName]),
  };
}

/** "High or above"; the top severity alone is just "Serious". */
function severityFloor(severity: Severity): string {
  return severity === SEVERITIES[SEVERITIES.length - 1] ? SEVERITY_LABELS[severity] : `${SEVERITY_LABELS[severity]} or above`;
}

/** One line per rule for the list: what it matches, in words. */
export function describeRule(rule: RoutingRule, organisationNames: ReadonlyMap<string, string>) {
  const match = rule.match;
  const parts: string[] = [];
  if (match.themes?.length) parts.push(`Themes: ${match.themes.map((id) => THEME_LABELS[id] ?? id).join(', ')}`);
  if (match.minSeverity) parts.push(`Severity: ${severityFloor(match.minSeverity)}`);
  if (match.sectors?.length) parts.push(`Sectors: ${match.sectors.map((id) => SECTOR_LABELS[id] ?? id).join(', ')}`);
  if (match.serviceAreas?.length) parts.push(`Service areas: ${match.serviceAreas.join(', ')}`);
  if (match.outcomes?.length) parts.push(`Outcomes: ${match.outcomes.map((id) => OUTCOME_LABELS[id] ?? id).join(', ')}`);
  if (match.organisationIds?.length) parts.push(`From: ${match.organisationIds.map((id) => organisationNames.get(id) ?? id).join(', ')}`);
  const target =
    rule.target.kind === 'organisations'
      ? `${TARGET_LABELS.organisations}: ${rule.target.organisationIds.map((id) => organisationNames.get(id) ?? id).join(', ')}`
      : TARGET_LABELS[rule.target.kind];
  return {
    id: rule.id,
    name: rule.name,
    matches: parts.length > 0 ? parts : ['Every complaint'],
    target,
    mode: MODE_LABELS[rule.mode],
    includeBodyName: rule.includeBodyName ? 'Named' : 'Anonymised',
    enabled: rule.enabled,
  };
}
