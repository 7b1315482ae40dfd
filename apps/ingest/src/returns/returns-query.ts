import { HttpStatus } from '@nestjs/common';
import { financialYear, type FinancialYear } from '@app/domain/returns';
import { ApiError, ValidationFailed, type ErrorDetail } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { isOmbudsman, type OrganisationPrincipal } from '../auth/principal';

export type ReturnFormat = 'csv' | 'json';

export interface ReturnQuery {
  year: FinancialYear;
  /** One organisation, or every public body (the Ombudsman only). */
  organisationId: string | null;
  format: ReturnFormat;
}

const ALLOWED = ['organisationId', 'year', 'format'];

/**
 * Validates a return's query and who may ask: a body gets only its own (another body's id
 * answers 404, as a missing one: ids are not an oracle); the Ombudsman any, or all at once.
 * CSV when `format=csv` or the Accept header asks for text/csv; JSON otherwise.
 */
export function parseReturnQuery(raw: Record<string, unknown>, accept: string | undefined, principal: OrganisationPrincipal): ReturnQuery {
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(raw)) if (!ALLOWED.includes(key)) details.push({ field: key, message: 'is not a known parameter' });
  const yearText = raw.year;
  const year = typeof yearText === 'string' && /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (!(year >= 2000 && year <= 2100)) details.push({ field: 'year', message: 'year must be the financial year’s first calendar year, e.g. 2025 for April 2025 – March 2026' });
  const id = raw.organisationId;
  if (id !== undefined && (typeof id !== 'string' || !isUuid(id))) details.push({ field: 'organisationId', message: 'organisationId must be a uuid' });
  const format = raw.format;
  if (format !== undefined && format !== 'csv' && format !== 'json') details.push({ field: 'format', message: 'format must be csv or json' });
  if (details.length > 0) throw new ValidationFailed(details, 'The query is not valid');
  let organisationId = (id as string | undefined) ?? null;
  if (!isOmbudsman(principal)) {
    if (organisationId && organisationId !== principal.organisationId) throw new ApiError(HttpStatus.NOT_FOUND, 'Organisation not found');
    organisationId = principal.organisationId;
  }
  const wantsCsv = format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
  return { year: financialYear(year), organisationId, format: wantsCsv ? 'csv' : 'json' };
}
