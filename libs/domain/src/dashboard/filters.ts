import { SECTORS, THEME_IDS, type Sector, type ThemeId } from '../model/taxonomy';
import { dayNumber, daysBetween, MAX_PERIOD_DAYS, PERIOD_PRESETS, resolvePeriod, type DashboardPeriod, type PeriodPreset } from './period';

export interface DashboardFilters {
  period: DashboardPeriod;
  sector?: Sector;
  organisationId?: string;
  theme?: ThemeId;
}

/**
 * Whose figures a request may see. The Ombudsman sees every body; a public body only itself
 * (every query is cut to its organisation, whatever the filters say).
 */
export type DashboardScope = { kind: 'all' } | { kind: 'organisation'; organisationId: string };

export interface FieldError {
  field: string;
  message: string;
}

export type FilterResult = { ok: true; filters: DashboardFilters } | { ok: false; errors: FieldError[] };

/** Query-string values as Fastify hands them over: a repeated key becomes an array. */
export type RawQuery = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN = ['period', 'from', 'to', 'sector', 'organisationId', 'theme'];

function single(query: RawQuery, field: string, errors: FieldError[]): string | undefined {
  const value = query[field];
  if (Array.isArray(value)) {
    errors.push({ field, message: 'give one value' });
    return undefined;
  }
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string, errors: FieldError[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({ field, message: `must be one of ${allowed.join(', ')}` });
  return undefined;
}

/**
 * Turns the dashboard's query string into filters, naming every field that is wrong and why.
 * `today` is the asOf day in the learning time zone. Other keys (a page's `cursor`, say) are
 * the caller's business and ignored here, but the known ones must be valid.
 */
export function validateDashboardFilters(query: RawQuery, today: string): FilterResult {
  const errors: FieldError[] = [];
  const values = Object.fromEntries(KNOWN.map((field) => [field, single(query, field, errors)]));
  const from = values.from;
  const to = values.to;
  let preset = oneOf<PeriodPreset>(values.period, PERIOD_PRESETS, 'period', errors);
  if (preset === undefined && values.period === undefined) preset = from !== undefined || to !== undefined ? 'custom' : 'last-4-weeks';
  const sector = oneOf<Sector>(values.sector, SECTORS, 'sector', errors);
  const theme = oneOf<ThemeId>(values.theme, THEME_IDS, 'theme', errors);
  const organisationId = values.organisationId;
  if (organisationId !== undefined && !UUID.test(organisationId)) errors.push({ field: 'organisationId', message: 'must be an organisation id (a UUID)' });

  if (preset === 'custom') {
    for (const [field, day] of [['from', from], ['to', to]] as const) {
      if (day === undefined) errors.push({ field, message: 'is required for a custom period (YYYY-MM-DD)' });
      else if (Number.isNaN(dayNumber(day))) errors.push({ field, message: 'must be a date, YYYY-MM-DD' });
      else if (daysBetween(today, day) > 0) errors.push({ field, message: 'must not be in the future' });
    }
    if (errors.every((e) => e.field !== 'from' && e.field !== 'to') && from !== undefined && to !== undefined) {
      const days = daysBetween(from, to) + 1;
      if (days < 1) errors.push({ field: 'to', message: 'must not be before from' });
      else if (days > MAX_PERIOD_DAYS) errors.push({ field: 'to', message: `the period may be at most ${MAX_PERIOD_DAYS} days long` });
    }
  } else if (preset !== undefined) {
    for (const field of ['from', 'to'] as const) {
      if (values[field] !== undefined) errors.push({ field, message: `only with period=custom (period is ${preset})` });
    }
  }
  if (errors.length > 0 || preset === undefined) return { ok: false, errors };
  const period = resolvePeriod(preset, today, preset === 'custom' ? { fromDay: from as string, toDay: to as string } : undefined);
  return {
    ok: true,
    filters: {
      period,
      ...(sector ? { sector } : {}),
      ...(organisationId ? { organisationId: organisationId.toLowerCase() } : {}),
      ...(theme ? { theme } : {}),
    },
  };
}

/**
 * The organisation every query is cut to: the scope's for a public body (a filter naming
 * another body selects nothing rather than leaking), the filter's for the Ombudsman.
 */
export function effectiveOrganisation(filters: DashboardFilters, scope: DashboardScope): string | undefined {
  return scope.kind === 'organisation' ? scope.organisationId : filters.organisationId;
}

/** A public body filtering on another body: the answer is empty, not that body's figures. */
export function filterOutsideScope(filters: DashboardFilters, scope: DashboardScope): boolean {
  return scope.kind === 'organisation' && filters.organisationId !== undefined && filters.organisationId !== scope.organisationId.toLowerCase();
}
