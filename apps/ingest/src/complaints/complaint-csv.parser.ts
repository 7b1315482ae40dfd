import { parse } from 'csv-parse/sync';
import type { ErrorDetail } from '../common/api-error';
import { ValidationFailed } from '../common/api-error';
import { COMPLAINT_FIELDS } from './complaint-record.dto';

/** One data row of an upload, in file order: either a raw record to validate or a parse error. */
export type CsvRow = { index: number; line: number; raw: Record<string, unknown> } | { index: number; line: number; details: ErrorDetail[] };

const REQUIRED_COLUMNS = ['reference', 'receivedAt', 'serviceArea', 'summary', 'outcome'];
const KNOWN_COLUMNS = new Set<string>(COMPLAINT_FIELDS);

interface CsvError {
  code?: string;
  message: string;
  lines?: number;
}

/**
 * Parses a CSV export into raw records. The header must name known fields; a broken row
 * (wrong number of cells, bad quoting) becomes an error for that row alone, so the rest
 * of the file is still accepted. `index` counts data rows from 0, as a batch's items do.
 */
export function parseComplaintCsv(text: string): CsvRow[] {
  const sequence: Array<{ record: string[]; line: number } | { error: CsvError }> = [];
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error) sequence.push({ error });
      },
      on_record: (record: string[], context: { lines: number }) => {
        sequence.push({ record, line: context.lines });
        return record;
      },
    });
  } catch (error) {
    throw new ValidationFailed([{ field: 'csv', message: (error as Error).message }], 'The CSV file could not be read');
  }
  const first = sequence.shift();
  if (!first || !('record' in first)) {
    throw new ValidationFailed([{ field: 'csv', message: 'the file has no header row' }], 'The CSV file could not be read');
  }
  const header = readHeader(first.record);
  return sequence.map((entry, index) => toRow(entry, index, header));
}

function readHeader(cells: string[]): string[] {
  const header = cells.map((cell) => cell.trim());
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!KNOWN_COLUMNS.has(name)) details.push({ field: name.slice(0, 100) || '(empty)', message: 'is not a known column; expected the complaint record field names' });
    if (seen.has(name)) details.push({ field: name.slice(0, 100), message: 'appears more than once in the header' });
    seen.add(name);
  }
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) details.push({ field: required, message: 'is a required column and is missing from the header' });
  }
  if (details.length > 0) throw new ValidationFailed(details, 'The CSV header is not valid');
  return header;
}

function toRow(entry: { record: string[]; line: number } | { error: CsvError }, index: number, header: string[]): CsvRow {
  if ('error' in entry) {
    return { index, line: entry.error.lines ?? 0, details: [{ field: 'csv', message: entry.error.message }] };
  }
  const raw: Record<string, unknown> = {};
  header.forEach((name, column) => {
    const cell = entry.record[column];
    if (cell === undefined || cell.trim() === '') return;
    raw[name] = name === 'remedies' ? splitList(cell) : cell;
  });
  return { index, line: entry.line, raw };
}

function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
