import { SECTORS, THEME_IDS } from '@app/domain';
import { SECTOR_LABELS, themeLabel } from '@app/domain/digest';
import { MAX_PERIOD_DAYS, PERIOD_PRESETS, validateDashboardFilters, type DashboardFilters, type DrillTarget, type RawQuery } from '@app/domain/dashboard';
import { addDays } from '@app/domain/learning';

/** What the filter form shows back: exactly what was entered, valid or not. */
export interface LearningForm {
  period: string;
  from: DateParts;
  to: DateParts;
  sector: string;
  organisationId: string;
  theme: string;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface ParsedLearningQuery {
  form: LearningForm;
  /** `{ fieldId: message }` for the GOV.UK error summary; empty when the filters are valid. */
  errors: Record<string, string>;
  filters?: DashboardFilters;
  /** The filters as query parameters, for every link that keeps them (drill-down, CSV, pages). */
  carried: Array<[string, string]>;
}

export const PERIOD_LABELS: Record<string, string> = {
  'last-4-weeks': 'Last 4 weeks',
  quarter: 'Last quarter (13 weeks)',
  year: 'Last year (52 weeks)',
  custom: 'Choose dates',
};

export const SECTOR_OPTIONS = SECTORS.map((id) => ({ value: id, text: SECTOR_LABELS[id] }));
export const THEME_OPTIONS = THEME_IDS.map((id) => ({ value: id, text: themeLabel(id) })).sort((a, b) => a.text.localeCompare(b.text));

const SELECT_MESSAGES: Record<string, string> = {
  period: 'Select a period',
  sector: 'Select a sector from the list',
  theme: 'Select a theme from the list',
  organisationId: 'Select an organisation from the list',
};
const DATE_LABELS = { from: 'Date from', to: 'Date to' } as const;

/**
 * Reads the dashboard's GET form (and every link that carries it) into the domain's filters.
 * Dates arrive as GOV.UK date inputs (`from-day`, `from-month`, `from-year`); the domain's
 * rules (not in the future, `to` after `from`, at most 1,096 days) decide, and each problem is
 * named by the field a person can correct. `allowOrganisation` is false for a public body:
 * its scope is its own organisation, so the organisation filter is neither shown nor read.
 */
export function parseLearningQuery(raw: Record<string, unknown>, today: string, allowOrganisation: boolean): ParsedLearningQuery {
  const text = (name: string): string => {
    const value = raw[name];
    if (typeof value === 'string') return value.trim();
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim();
    return '';
  };
  const form: LearningForm = {
    period: text('period'),
    from: { day: text('from-day'), month: text('from-month'), year: text('from-year') },
    to: { day: text('to-day'), month: text('to-month'), year: text('to-year') },
    sector: text('sector'),
    organisationId: allowOrganisation ? text('organisationId') : '',
    theme: text('theme'),
  };
  const anyDate = [form.from, form.to].some((d) => d.day !== '' || d.month !== '' || d.year !== '');
  if (form.period === '') form.period = anyDate ? 'custom' : 'last-4-weeks';
  // A preset ignores the dates (they stay on the page only for "Choose dates"), so the form shows what applies.
  if (form.period !== 'custom') form.from = form.to = { day: '', month: '', year: '' };

  const errors: Record<string, string> = {};
  const query: RawQuery = { period: form.period, sector: form.sector, theme: form.theme, organisationId: form.organisationId };
  if (form.period === 'custom') {
    for (const side of ['from', 'to'] as const) {
      const day = isoDayOf(form[side]);
      if (day.ok) query[side] = day.value;
      else errors[`${side}-day`] = day.empty ? `Enter the ${DATE_LABELS[side].toLowerCase()}` : `${DATE_LABELS[side]} must be a real date, for example 27 3 2026`;
    }
  }
  if (!(PERIOD_PRESETS as readonly string[]).includes(form.period)) errors.period = SELECT_MESSAGES.period;

  const result = validateDashboardFilters(query, today);
  if (!result.ok) {
    for (const error of result.errors) {
      const key = error.field === 'from' || error.field === 'to' ? `${error.field}-day` : error.field;
      if (errors[key]) continue;
      errors[key] = SELECT_MESSAGES[error.field] ?? dateMessage(error.field as 'from' | 'to', error.message);
    }
  }
  if (Object.keys(errors).length > 0 || !result.ok) return { form, errors, carried: [] };
  return { form, errors, filters: result.filters, carried: carriedOf(result.filters, allowOrganisation) };
}

function dateMessage(field: 'from' | 'to', message: string): string {
  if (message.startsWith('must not be before')) return 'Date to must be the same as or after date from';
  if (message.startsWith('the period may be')) return `The period must be ${MAX_PERIOD_DAYS} days or shorter`;
  if (message.startsWith('must not be in the future')) return `${DATE_LABELS[field]} must be today or in the past`;
  return `${DATE_LABELS[field]} must be a real date, for example 27 3 2026`;
}

type DayResult = { ok: true; value: string } | { ok: false; empty: boolean };

function isoDayOf(parts: DateParts): DayResult {
  if (parts.day === '' && parts.month === '' && parts.year === '') return { ok: false, empty: true };
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) return { ok: false, empty: false };
  const value = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  const check = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== value ? { ok: false, empty: false } : { ok: true, value };
}

/** A resolved period's inclusive last day. */
export function lastDayOf(filters: DashboardFilters): string {
  return addDays(filters.period.to, -1);
}

function dateParams(side: 'from' | 'to', day: string): Array<[string, string]> {
  const [year, month, date] = day.split('-');
  return [[`${side}-day`, String(Number(date))], [`${side}-month`, String(Number(month))], [`${side}-year`, year]];
}

function carriedOf(filters: DashboardFilters, allowOrganisation: boolean): Array<[string, string]> {
  const carried: Array<[string, string]> = [['period', filters.period.preset]];
  if (filters.period.preset === 'custom') carried.push(...dateParams('from', filters.period.from), ...dateParams('to', lastDayOf(filters)));
  if (filters.sector) carried.push(['sector', filters.sector]);
  if (allowOrganisation && filters.organisationId) carried.push(['organisationId', filters.organisationId]);
  if (filters.theme) carried.push(['theme', filters.theme]);
  return carried;
}

/** The carried filters with a drill target's dimensions in place of the same filters. */
export function withDrill(carried: Array<[string, string]>, drill: DrillTarget): Array<[string, string]> {
  const replaced = new Set(Object.keys(drill));
  const kept = carried.filter(([name]) => !replaced.has(name));
  for (const name of ['sector', 'organisationId', 'theme', 'severity'] as const) {
    const value = drill[name];
    if (value) kept.push([name, value]);
  }
  return kept;
}

export function hrefOf(path: string, params: Array<[string, string]>): string {
  const search = new URLSearchParams(params).toString();
  return search ? `${path}?${search}` : path;
}

/** The drill-down's own severity (the serious-cases chart opens serious cases only). */
export function drillSeverity(raw: Record<string, unknown>): 'serious' | undefined | null {
  const value = typeof raw.severity === 'string' ? raw.severity.trim() : '';
  if (value === '') return undefined;
  return value === 'serious' ? 'serious' : null;
}
