import { COMPLAINT_STATUSES, SEVERITIES, THEME_IDS, type ComplaintStatus, type Severity, type ThemeId } from '@app/domain';
import { COMPLAINT_LIST_MAX_LIMIT, parseComplaintListCursor, type ComplaintListQuery } from '@app/persistence';

export const WEB_LIST_DEFAULT_LIMIT = 25;

/** What the filter form shows back: exactly what was entered, valid or not. */
export interface FilterForm {
  status: string;
  theme: string;
  severity: string;
  serviceArea: string;
  reference: string;
  organisationId: string;
  from: DateParts;
  to: DateParts;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface ParsedFilters {
  form: FilterForm;
  /** `{ fieldId: message }` for the error summary; empty when every filter is valid. */
  errors: Record<string, string>;
  query: ComplaintListQuery;
  /** Filter parameters to carry on every pagination link (the cursor and limit are added by the caller). */
  carried: Array<[string, string]>;
  /** True when the cursor given was not one this list issued: the list starts again from the top. */
  cursorIgnored: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;
const DAY_MS = 86_400_000;

/**
 * Reads the list page's GET form. Every filter problem is named by its field in words a person
 * can act on; a bad cursor or page size is not the person's doing, so those fall back quietly.
 * `isOmbudsman` enables the organisation filter (a body only ever lists its own complaints).
 */
export function parseComplaintFilters(raw: Record<string, unknown>, isOmbudsman: boolean): ParsedFilters {
  const text = (name: string): string => {
    const value = raw[name];
    if (typeof value === 'string') return value.trim();
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim();
    return '';
  };
  const errors: Record<string, string> = {};
  const form: FilterForm = {
    status: text('status'),
    theme: text('theme'),
    severity: text('severity'),
    serviceArea: text('serviceArea'),
    reference: text('reference'),
    organisationId: isOmbudsman ? text('organisationId') : '',
    from: { day: text('from-day'), month: text('from-month'), year: text('from-year') },
    to: { day: text('to-day'), month: text('to-month'), year: text('to-year') },
  };

  const oneOf = <T extends string>(field: keyof FilterForm, values: readonly T[], message: string): T | undefined => {
    const value = form[field] as string;
    if (value === '') return undefined;
    if ((values as readonly string[]).includes(value)) return value as T;
    errors[field] = message;
    return undefined;
  };
  const status = oneOf<ComplaintStatus>('status', COMPLAINT_STATUSES, 'Select a status from the list');
  const theme = oneOf<ThemeId>('theme', THEME_IDS, 'Select a theme from the list');
  const severity = oneOf<Severity>('severity', SEVERITIES, 'Select a severity from the list');
  const bounded = (field: 'serviceArea' | 'reference', label: string, max: number): string | undefined => {
    const value = form[field];
    if (value === '') return undefined;
    if (value.length <= max && !CONTROL.test(value)) return value;
    errors[field] = `${label} must be ${max} characters or fewer`;
    return undefined;
  };
  const serviceArea = bounded('serviceArea', 'Service area', 200);
  const referencePrefix = bounded('reference', 'Reference', 100);
  let organisationId: string | undefined;
  if (form.organisationId !== '') {
    if (UUID.test(form.organisationId)) organisationId = form.organisationId;
    else errors.organisationId = 'Select an organisation from the list';
  }
  const from = parseDay(form.from, 'from', 'Received from', errors);
  const toDay = parseDay(form.to, 'to', 'Received to', errors);
  if (from && toDay && toDay < from) errors.to = 'Received to must be the same as or after received from';

  const cursorText = text('cursor');
  const beforeText = text('before');
  const after = cursorText ? (parseComplaintListCursor(cursorText) ?? undefined) : undefined;
  const before = !after && beforeText ? (parseComplaintListCursor(beforeText) ?? undefined) : undefined;
  const cursorIgnored = (cursorText !== '' && !after) || (!after && beforeText !== '' && !before);
  const limitText = text('limit');
  const limit = /^\d{1,3}$/.test(limitText) && Number(limitText) >= 1 && Number(limitText) <= COMPLAINT_LIST_MAX_LIMIT ? Number(limitText) : WEB_LIST_DEFAULT_LIMIT;

  const carried: Array<[string, string]> = [];
  const carry = (name: string, value: string) => {
    if (value !== '') carried.push([name, value]);
  };
  carry('status', form.status);
  carry('theme', form.theme);
  carry('severity', form.severity);
  carry('serviceArea', form.serviceArea);
  carry('reference', form.reference);
  carry('organisationId', form.organisationId);
  for (const part of ['day', 'month', 'year'] as const) carry(`from-${part}`, form.from[part]);
  for (const part of ['day', 'month', 'year'] as const) carry(`to-${part}`, form.to[part]);
  if (limitText !== '' && limit !== WEB_LIST_DEFAULT_LIMIT) carry('limit', String(limit));

  return {
    form,
    errors,
    // The "to" day is included: the list's `to` is exclusive, so it is the start of the next day.
    query: { status, theme, severity, serviceArea, referencePrefix, organisationId, from, to: toDay ? new Date(toDay.getTime() + DAY_MS) : undefined, after, before, limit },
    carried,
    cursorIgnored,
  };
}

/** A GOV.UK date input's three fields as midnight UTC of that day; undefined when all are empty. */
function parseDay(parts: DateParts, field: string, label: string, errors: Record<string, string>): Date | undefined {
  const given = [parts.day, parts.month, parts.year];
  if (given.every((part) => part === '')) return undefined;
  const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part] === '');
  if (missing.length > 0) {
    errors[field] = `${label} must include a ${missing.join(' and ')}`;
    return undefined;
  }
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    errors[field] = `${label} must be a real date`;
    return undefined;
  }
  const [day, month, year] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    errors[field] = `${label} must be a real date`;
    return undefined;
  }
  return date;
}
