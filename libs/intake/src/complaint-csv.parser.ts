import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Parser, type Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { COMPLAINT_FIELDS } from './complaint-record.dto';
import { CsvFileRejected, type FieldError } from './intake-errors';

/** One data row of an upload, in file order: either a raw record to validate or a parse error. */
export type CsvRow = { index: number; line: number; raw: Record<string, unknown> } | { index: number; line: number; details: FieldError[] };

const REQUIRED_COLUMNS = ['reference', 'receivedAt', 'serviceArea', 'summary', 'outcome'];
const KNOWN_COLUMNS = new Set<string>(COMPLAINT_FIELDS);

interface CsvError {
  code?: string;
  message: string;
  lines?: number;
}

/** Limits applied while the file is parsed, so an oversized upload costs no more than its cap. */
export interface CsvLimits {
  /** Data rows (the header not counted), good or broken; one more and the whole file is refused. */
  maxRows: number;
  /** Bytes in one row; one row over it refuses the whole file (the parser cannot resume mid-cell). */
  maxRecordBytes: number;
}

/** A row holds at most ~41,000 characters of text: 256 KiB leaves room for UTF-8 and quoting. */
export const CSV_LIMITS: CsvLimits = { maxRows: 1000, maxRecordBytes: 256 * 1024 };

/**
 * csv-parse messages whose text is fixed apart from numbers; every other message (an invalid
 * opening quote quotes the cell) is replaced, so an error never echoes complaint text.
 */
const VALUE_FREE_CODES = new Set([
  'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
  'CSV_RECORD_INCONSISTENT_COLUMNS',
  'CSV_QUOTE_NOT_CLOSED',
  'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE',
]);

class RowCapExceeded extends Error {}

type Entry = { record: string[]; line: number } | { error: CsvError };

/**
 * Parses a CSV export into raw records. The header must name known fields; a broken row
 * (wrong number of cells, bad quoting) becomes an error for that row alone, so the rest
 * of the file is still accepted. `index` counts data rows from 0, as a batch's items do.
 */
export function parseComplaintCsv(text: string, limits: CsvLimits = CSV_LIMITS): CsvRow[] {
  const { sequence, options } = collector(limits);
  try {
    parse(text, options);
  } catch (error) {
    throw fileError(error, limits);
  }
  return toRows(sequence);
}

/**
 * `parseComplaintCsv` with the same options and answers, fed `sliceBytes` at a time with the
 * event loop given back between slices: for a server parsing a large file (a 5,000-row export
 * costs a few hundred milliseconds of CPU) while it answers other requests.
 */
export async function parseComplaintCsvInSlices(bytes: Buffer, limits: CsvLimits = CSV_LIMITS, sliceBytes = 64 * 1024): Promise<CsvRow[]> {
  const { sequence, options } = collector(limits);
  const parser = new Parser(options);
  // Records are collected by on_record (which pushes nothing), so there is no output to read.
  let failure: unknown;
  parser.on('error', (error) => (failure ??= error));
  const step = (write: (done: (error?: Error | null) => void) => void) =>
    new Promise<void>((resolve) => write((error) => ((failure ??= error ?? undefined), resolve())));
  for (let at = 0; at < bytes.length && failure === undefined; at += sliceBytes) {
    await step((done) => parser.write(bytes.subarray(at, at + sliceBytes), done));
    await yieldToEventLoop();
  }
  if (failure === undefined) await step((done) => parser.end(() => done()));
  if (failure !== undefined) throw fileError(failure, limits);
  return toRows(sequence);
}

/** The parser's options, which put every record and broken row into `sequence`, in file order. */
function collector(limits: CsvLimits): { sequence: Entry[]; options: Options } {
  const sequence: Entry[] = [];
  // The header is the first entry, so the cap is one more; exceeding it stops the parser at once.
  const admit = (entry: Entry) => {
    if (sequence.length > limits.maxRows) throw new RowCapExceeded();
    sequence.push(entry);
  };
  const options: Options = {
    bom: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: limits.maxRecordBytes,
    // Header + maxRows + 1 records: enough to tell that there are too many, and no more is read.
    to: limits.maxRows + 2,
    on_skip: (error: CsvError | undefined) => {
      if (error?.code === 'CSV_MAX_RECORD_SIZE') throw error;
      if (error) admit({ error });
    },
    // Returns nothing: the parser's own output stays empty, everything is in `sequence`.
    on_record: (record: string[], context: { lines: number }) => {
      admit({ record, line: context.lines });
      return undefined;
    },
  };
  return { sequence, options };
}

function fileError(error: unknown, limits: CsvLimits): CsvFileRejected {
  if (error instanceof RowCapExceeded) return tooManyRows(limits);
  return new CsvFileRejected([{ field: 'csv', message: fileErrorMessage(error, limits) }], 'The CSV file could not be read');
}

function toRows(sequence: Entry[]): CsvRow[] {
  const first = sequence.shift();
  if (!first || !('record' in first)) {
    throw new CsvFileRejected([{ field: 'csv', message: 'the file has no header row' }], 'The CSV file could not be read');
  }
  const header = readHeader(first.record);
  return sequence.map((entry, index) => toRow(entry, index, header));
}

function readHeader(cells: string[]): string[] {
  const header = cells.map((cell) => cell.trim());
  const details: FieldError[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!KNOWN_COLUMNS.has(name)) details.push({ field: name.slice(0, 100) || '(empty)', message: 'is not a known column; expected the complaint record field names' });
    if (seen.has(name)) details.push({ field: name.slice(0, 100), message: 'appears more than once in the header' });
    seen.add(name);
  }
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) details.push({ field: required, message: 'is a required column and is missing from the header' });
  }
  if (details.length > 0) throw new CsvFileRejected(details, 'The CSV header is not valid');
  return header;
}

function toRow(entry: Entry, index: number, header: string[]): CsvRow {
  if ('error' in entry) {
    return { index, line: entry.error.lines ?? 0, details: [{ field: 'csv', message: rowErrorMessage(entry.error) }] };
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

function tooManyRows(limits: CsvLimits): CsvFileRejected {
  return new CsvFileRejected([{ field: 'csv', message: `at most ${limits.maxRows} data rows per upload` }], 'The CSV file is too large');
}

function fileErrorMessage(error: unknown, limits: CsvLimits): string {
  const csvError = error as CsvError;
  if (csvError.code === 'CSV_MAX_RECORD_SIZE') {
    return `a row is larger than the limit of ${limits.maxRecordBytes} bytes per row (line ${csvError.lines ?? '?'})`;
  }
  return rowErrorMessage(csvError);
}

function rowErrorMessage(error: CsvError): string {
  if (error.code !== undefined && VALUE_FREE_CODES.has(error.code)) return error.message;
  const where = `at line ${error.lines ?? '?'}`;
  if (error.code === 'INVALID_OPENING_QUOTE') return `Invalid Opening Quote: a quote inside an unquoted cell ${where}; quote the whole cell and double the quotes in it`;
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return `Invalid Closing Quote: a character follows a closing quote ${where}`;
  return `the row could not be read ${where} (${error.code ?? 'CSV error'})`;
}
