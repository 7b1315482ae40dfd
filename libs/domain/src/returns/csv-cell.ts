/*
 * CSV for official returns. People open these in spreadsheets, so a cell that a spreadsheet
 * would run as a formula is neutralised (OWASP "CSV injection"): a leading =, +, -, @, tab or
 * carriage return gets a ' in front, which spreadsheets read as "this is text". Service
 * areas and organisation names come from the bodies and are untrusted.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A number the return computes itself: written as is (never negative, so never a formula). */
export type CsvValue = string | number | null;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell: numbers as digits, text neutralised, then quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  const text = neutraliseCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with CRLF line ends (RFC 4180) and a final line end. */
export function toCsv(rows: CsvValue[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
