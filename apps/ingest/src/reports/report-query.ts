import type { FinancialYear } from '@app/domain/returns';
import { ValidationFailed, type ErrorDetail } from '../common/api-error';
import type { OrganisationPrincipal } from '../auth/principal';
import { parseReturnQuery } from '../returns/returns-query';

export type ReportFormat = 'html' | 'pdf' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'json'];

export interface ReportQuery {
  year: FinancialYear;
  organisationId: string | null;
  format: ReportFormat;
}

/**
 * The annual report takes the returns' query (same year and access rules) with its own
 * formats: HTML by default (a browser's Accept lists many types), PDF by `format=pdf` or an
 * Accept that names application/pdf, JSON (the report's data) by `format=json` only.
 */
export function parseReportQuery(raw: Record<string, unknown>, accept: string | undefined, principal: OrganisationPrincipal): ReportQuery {
  const { format, ...rest } = raw;
  const formatProblem: ErrorDetail[] =
    format === undefined || REPORT_FORMATS.includes(format as ReportFormat) ? [] : [{ field: 'format', message: 'format must be html, pdf or json' }];
  let parsed;
  try {
    parsed = parseReturnQuery(rest, undefined, principal);
  } catch (error) {
    // One answer naming every bad parameter, as everywhere else.
    if (error instanceof ValidationFailed && formatProblem.length > 0) throw new ValidationFailed([...error.details, ...formatProblem], error.message);
    throw error;
  }
  if (formatProblem.length > 0) throw new ValidationFailed(formatProblem, 'The query is not valid');
  const chosen = (format as ReportFormat | undefined) ?? (/\bapplication\/pdf\b/i.test(accept ?? '') ? 'pdf' : 'html');
  return { year: parsed.year, organisationId: parsed.organisationId, format: chosen };
}
