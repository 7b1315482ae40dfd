import { csvCell, type CsvValue } from '../returns/csv-cell';
import type { DrillDownRecord } from './drill-down';

/*
 * CSV people open in spreadsheets: RFC 4180 quoting and CRLF line ends, and every text cell
 * a spreadsheet would run as a formula (leading =, +, -, @, tab or carriage return)
 * neutralised with a leading ' (the same rule as the official returns, returns/csv-cell.ts).
 */

export const DASHBOARD_CSV_HEADER = [
  'complaintId',
  'organisationId',
  'organisation',
  'sector',
  'reference',
  'receivedAt',
  'serviceArea',
  'themes',
  'severity',
  'outcome',
  'learningSummary',
  'anonymised',
] as const;

/** One exported complaint as cells, in DASHBOARD_CSV_HEADER order. Themes are joined with ';'. */
export function csvRowOf(record: DrillDownRecord): CsvValue[] {
  return [
    record.complaintId,
    record.organisationId,
    record.organisationName,
    record.sector,
    record.reference,
    record.receivedAt,
    record.serviceArea,
    record.themes.join(';'),
    record.severity,
    record.outcome,
    record.learningSummary,
    record.anonymised ? 'yes' : 'no',
  ];
}

/** Rows (header included, if wanted) to CSV text; each line ends in CRLF. */
export function toCsv(rows: CsvValue[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

/** The header line and the records, ready to stream page by page: header first, then `toCsv` of each page. */
export function dashboardCsvHeader(): string {
  return toCsv([[...DASHBOARD_CSV_HEADER]]);
}

export function dashboardCsvLines(records: DrillDownRecord[]): string {
  return toCsv(records.map(csvRowOf));
}
