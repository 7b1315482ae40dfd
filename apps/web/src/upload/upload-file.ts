import { CSV_LIMITS, CsvFileRejected, type CsvRow, parseComplaintCsvInSlices } from '@app/intake';

/** Data rows in one upload (the header not counted). The API takes 1,000 per request; here rows are stored in the background. */
export const UPLOAD_MAX_ROWS = 10_000;

export type CheckedFile = { ok: true; rows: CsvRow[] } | { ok: false; message: string };

/**
 * Checks an uploaded file before anything is stored: a .csv name, some content, text rather
 * than binary, and a header row the shared parser (the API's) accepts. Each refusal is one sentence for
 * the GOV.UK error message, in the Design System's wording for file uploads; the parser's
 * messages name the column or the limit and never quote the file's content.
 */
export async function checkUploadedFile(fileName: string, content: Buffer, maxBytes: number): Promise<CheckedFile> {
  if (fileName === '' && content.length === 0) return { ok: false, message: 'Select a CSV file' };
  if (!fileName.toLowerCase().endsWith('.csv')) return { ok: false, message: 'The selected file must be a CSV' };
  if (content.length === 0) return { ok: false, message: 'The selected file is empty' };
  if (content.length > maxBytes) return { ok: false, message: `The selected file must be smaller than ${megabytes(maxBytes)}` };
  // A CSV is text: a NUL byte means a spreadsheet or other binary file renamed .csv.
  if (content.includes(0)) return { ok: false, message: 'The selected file must be a CSV' };
  let rows: CsvRow[];
  try {
    // In slices: a large file parsed at once would hold up every other request for a few hundred ms.
    rows = await parseComplaintCsvInSlices(content, { ...CSV_LIMITS, maxRows: UPLOAD_MAX_ROWS });
  } catch (error) {
    if (!(error instanceof CsvFileRejected)) throw error;
    return { ok: false, message: fileProblem(error) };
  }
  if (rows.length === 0) return { ok: false, message: 'The selected file has a header row but no complaints' };
  return { ok: true, rows };
}

export function megabytes(bytes: number): string {
  return `${Math.floor(bytes / (1024 * 1024))} MB`;
}

function fileProblem(error: CsvFileRejected): string {
  const [first] = error.details;
  if (!first) return 'The selected file could not be read as a CSV';
  if (first.field === 'csv' && first.message === 'the file has no header row') return 'The selected file is empty';
  if (first.field === 'csv') return `The selected file could not be read: ${first.message}`;
  // Header problems, grouped so the whole header can be fixed at once.
  const named = (test: (message: string) => boolean) => [...new Set(error.details.filter((d) => test(d.message)).map((d) => d.field))];
  const unknown = named((m) => m.startsWith('is not a known column'));
  const repeated = named((m) => m.startsWith('appears more than once'));
  const missing = named((m) => m.startsWith('is a required column'));
  const problems = [
    unknown.length > 0 ? `${list(unknown)} ${unknown.length === 1 ? 'is not a known column' : 'are not known columns'}` : '',
    repeated.length > 0 ? `${list(repeated)} ${repeated.length === 1 ? 'appears' : 'appear'} more than once` : '',
    missing.length > 0 ? `the required column${missing.length === 1 ? '' : 's'} ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} missing` : '',
  ].filter((problem) => problem !== '');
  return `The first row of the selected file must name the columns: ${problems.join('; ')}`;
}

function list(names: string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
