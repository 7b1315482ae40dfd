import { COMPLAINT_STATUSES, SEVERITIES, THEME_IDS } from '@app/domain';
import type { ComplaintStatus, Severity, ThemeId } from '@app/domain';
import { COMPLAINT_LIST_DEFAULT_LIMIT, COMPLAINT_LIST_MAX_LIMIT, parseComplaintListCursor, type ComplaintListQuery } from '@app/persistence';
import { ValidationFailed, type ErrorDetail } from '../common/api-error';
import { isUuid } from '../common/uuid';

const PARAMETERS = ['status', 'theme', 'severity', 'serviceArea', 'from', 'to', 'reference', 'cursor', 'limit'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A date, or a date and time with a zone (`Z` or `±hh:mm`): a bare local time would mean a different instant per server. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/**
 * Parses the query string of `GET /v1/complaints`; every problem is named by its parameter.
 * `organisationId` is a parameter for the Ombudsman only: a body only ever lists its own.
 */
export function parseComplaintListQuery(raw: Record<string, unknown>, isOmbudsman: boolean): ComplaintListQuery {
  const details: ErrorDetail[] = [];
  const allowed = isOmbudsman ? [...PARAMETERS, 'organisationId'] : PARAMETERS;
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) details.push({ field: key, message: 'is not a known parameter' });

  const text = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      details.push({ field: name, message: 'must be given once' });
      return undefined;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[]): T | undefined => {
    const value = text(name);
    if (value === undefined || values.includes(value as T)) return value as T | undefined;
    details.push({ field: name, message: `must be one of ${values.join(', ')}` });
    return undefined;
  };
  const bounded = (name: string, max: number): string | undefined => {
    const value = text(name);
    if (value === undefined || (value.length >= 1 && value.length <= max && PRINTABLE.test(value))) return value;
    details.push({ field: name, message: `must be 1–${max} characters, without control characters` });
    return undefined;
  };
  const instant = (name: string): Date | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = DAY.test(value) ? new Date(`${value}T00:00:00Z`) : INSTANT.test(value) ? new Date(value) : null;
    // JavaScript rolls 2026-02-30 over into March: compare the calendar day it kept.
    const day = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    if (parsed && !Number.isNaN(parsed.getTime()) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value.slice(0, 10)) return parsed;
    details.push({ field: name, message: 'must be a date (YYYY-MM-DD, midnight UTC) or an ISO 8601 date-time with a zone' });
    return undefined;
  };

  const status = oneOf<ComplaintStatus>('status', COMPLAINT_STATUSES);
  const theme = oneOf<ThemeId>('theme', THEME_IDS);
  const severity = oneOf<Severity>('severity', SEVERITIES);
  const serviceArea = bounded('serviceArea', 200);
  const referencePrefix = bounded('reference', 100);
  const from = instant('from');
  const to = instant('to');
  if (from && to && !(to > from)) details.push({ field: 'to', message: 'must be after from' });

  const cursorText = text('cursor');
  const after = cursorText === undefined ? undefined : (parseComplaintListCursor(cursorText) ?? undefined);
  if (cursorText !== undefined && !after) details.push({ field: 'cursor', message: 'must be a nextCursor returned by this endpoint' });

  const limitText = text('limit');
  const limit = limitText === undefined ? COMPLAINT_LIST_DEFAULT_LIMIT : /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= COMPLAINT_LIST_MAX_LIMIT)) details.push({ field: 'limit', message: `must be an integer from 1 to ${COMPLAINT_LIST_MAX_LIMIT}` });

  const organisationId = isOmbudsman ? text('organisationId') : undefined;
  if (organisationId !== undefined && !isUuid(organisationId)) details.push({ field: 'organisationId', message: 'must be a UUID' });

  if (details.length > 0) throw new ValidationFailed(details, 'The complaint list query is not valid');
  return { organisationId, status, theme, severity, serviceArea, from, to, referencePrefix, after, limit };
}
