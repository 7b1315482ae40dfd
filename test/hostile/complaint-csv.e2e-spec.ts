import 'reflect-metadata';
import fc from 'fast-check';
import { COMPLAINT_FIELDS, CsvFileRejected, CSV_LIMITS, parseComplaintCsv } from '@app/intake';
import { anyUtf16String, FORMULA_PAYLOADS, formulaPayload, RawRecord, validRecordArbitrary } from './arbitraries';

/*
 * Property-based tests of the CSV parser (issue 6, "Hostile input"): any text gives either a
 * row-by-row answer or one clear CsvFileRejected for the file; a broken row costs only that
 * row; cells are kept as data, byte for byte — formula cells included (neutralising them is
 * the email side's job, see email-safety.e2e-spec.ts).
 */

const NOW = new Date('2026-11-25T12:00:00Z');
const FIELDS = new Set<string>(COMPLAINT_FIELDS);
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 200) };
const HEADER = ['reference', 'receivedAt', 'closedAt', 'serviceArea', 'channel', 'stage', 'summary', 'outcome', 'learning', 'complainantId', 'remedies'] as const;

function quote(cell: string): string {
  return `"${cell.replace(/"/g, '""')}"`;
}

function toCsv(records: RawRecord[], columns: readonly string[], newline: string, bom: boolean): string {
  return `${bom ? '\ufeff' : ''}${csvLines(records, columns).join(newline)}${newline}`;
}

/** Header and one line per record; a quoted cell may itself hold line breaks, so never split the joined text. */
function csvLines(records: RawRecord[], columns: readonly string[]): string[] {
  const lines = [columns.join(',')];
  for (const record of records) {
    lines.push(
      columns
        .map((column) => {
          const value = (record as unknown as Record<string, unknown>)[column];
          if (value === undefined) return '';
          return quote(Array.isArray(value) ? value.join(';') : String(value));
        })
        .join(','),
    );
  }
  return lines;
}

/** What the parser should hand on for a record: blank cells are absent, remedies split on ';'. */
function expectedRaw(record: RawRecord, columns: readonly string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const column of columns) {
    const value = (record as unknown as Record<string, unknown>)[column];
    if (value === undefined) continue;
    const cell = Array.isArray(value) ? value.join(';') : String(value);
    if (cell.trim() === '') continue;
    raw[column] = column === 'remedies' ? cell.split(';').map((r) => r.trim()).filter(Boolean) : cell;
  }
  return raw;
}

function parseOrFailure(text: string): ReturnType<typeof parseComplaintCsv> | CsvFileRejected {
  try {
    return parseComplaintCsv(text);
  } catch (error) {
    if (error instanceof CsvFileRejected) return error;
    throw error;
  }
}

describe('parseComplaintCsv under hostile input (fast-check)', () => {
  it('answers any text with rows or one CsvFileRejected, never another error', () => {
    const csvish = fc.oneof(
      anyUtf16String(200),
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ';', ' ', '\u0000', '\ufeff', '='), maxLength: 200 }),
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\u0000'), maxLength: 200 }).map((body) => `reference,receivedAt,serviceArea,summary,outcome\n${body}`),
    );
    fc.assert(
      fc.property(csvish, (text) => {
        const answer = parseOrFailure(text);
        if (answer instanceof CsvFileRejected) {
          expect(answer.message.length).toBeGreaterThan(0);
          expect(answer.details.length).toBeGreaterThan(0);
          // A repeated empty column is named '' rather than '(empty)' (cosmetic, reported).
          for (const detail of answer.details) expect(typeof detail.field === 'string' && detail.message.length > 0).toBe(true);
          return;
        }
        answer.forEach((row, i) => {
          expect(row.index).toBe(i);
          if ('raw' in row) {
            for (const [key, value] of Object.entries(row.raw)) {
              expect(FIELDS.has(key)).toBe(true);
              if (key === 'remedies') expect(Array.isArray(value)).toBe(true);
              else expect(typeof value).toBe('string');
            }
          } else {
            expect(row.details.map((d) => d.field)).toEqual(['csv']);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any valid records, in any column order, with CRLF or LF, with or without a BOM', () => {
    fc.assert(
      fc.property(
        fc.array(validRecordArbitrary(NOW), { minLength: 1, maxLength: 8 }),
        fc.shuffledSubarray([...HEADER], { minLength: HEADER.length }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (records, columns, newline, bom) => {
          const rows = parseComplaintCsv(toCsv(records, columns, newline, bom));
          expect(rows).toHaveLength(records.length);
          rows.forEach((row, i) => {
            if (!('raw' in row)) throw new Error(`row ${i} refused: ${JSON.stringify(row.details)}`);
            expect(row.raw).toEqual(expectedRaw(records[i], columns));
          });
        },
      ),
      RUNS,
    );
  });

  it('keeps formula cells (=, +, -, @, tab, CR first) byte for byte as data, quoted or not', () => {
    fc.assert(
      fc.property(validRecordArbitrary(NOW), formulaPayload(), fc.constantFrom('summary', 'learning', 'serviceArea', 'reference'), (record, payload, field) => {
        const value = field === 'summary' ? `${payload} ${'padding text '.repeat(3)}` : payload;
        fc.pre(value.trim() !== '');
        const hostile = { ...record, [field]: value };
        const rows = parseComplaintCsv(toCsv([hostile], HEADER, '\r\n', false));
        expect(rows).toHaveLength(1);
        const row = rows[0];
        if (!('raw' in row)) throw new Error(JSON.stringify(row.details));
        expect(row.raw[field]).toBe(value);
      }),
      RUNS,
    );
    // Unquoted, as a spreadsheet would save the simple ones.
    for (const payload of FORMULA_PAYLOADS.filter((p) => !/[",\r\n]/.test(p))) {
      const rows = parseComplaintCsv(`reference,receivedAt,serviceArea,summary,outcome\r\nREF-1,2026-01-01,${payload},The summary of the complaint is long enough,upheld\r\n`);
      expect(rows[0]).toMatchObject({ raw: { serviceArea: payload } });
    }
  });

  it('refuses only the broken row when a row has too few or too many cells', () => {
    fc.assert(
      fc.property(
        fc.array(validRecordArbitrary(NOW), { minLength: 2, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom('"x"', '"x","y","z","a","b","c","d","e","f","g","h","i","j"'),
        (records, position, brokenLine) => {
          const csv = csvLines(records, HEADER);
          const at = 1 + (position % records.length);
          csv.splice(at, 0, brokenLine);
          const rows = parseComplaintCsv(`${csv.join('\r\n')}\r\n`);
          expect(rows).toHaveLength(records.length + 1);
          rows.forEach((row, i) => {
            if (i === at - 1) expect('details' in row && row.details[0].field).toBe('csv');
            else expect('raw' in row).toBe(true);
          });
        },
      ),
      RUNS,
    );
  });

  it('refuses a header with unknown, duplicated or missing columns, naming them', () => {
    const cases: Array<[string, string[]]> = [
      ['reference,receivedAt,serviceArea,summary,outcome,__proto__', ['__proto__']],
      ['reference,receivedAt,serviceArea,summary,outcome,constructor', ['constructor']],
      ['reference,reference,receivedAt,serviceArea,summary,outcome', ['reference']],
      ['reference,receivedAt,serviceArea,summary', ['outcome']],
      ['=cmd|calc,receivedAt,serviceArea,summary,outcome', ['=cmd|calc', 'reference']],
      [',receivedAt,serviceArea,summary,outcome', ['(empty)', 'reference']],
    ];
    for (const [header, fields] of cases) {
      const answer = parseOrFailure(`${header}\nA,B,C,D,E,F\n`);
      expect(answer).toBeInstanceOf(CsvFileRejected);
      const named = (answer as CsvFileRejected).details.map((d) => d.field);
      for (const field of fields) expect(named).toContain(field);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copes with a large file quickly (10,000 rows of 2,000 characters)', () => {
    const summary = 'The family were not kept informed about the delayed scan. '.repeat(34).slice(0, 2000);
    const lines = ['reference,receivedAt,serviceArea,summary,outcome'];
    for (let i = 0; i < 10_000; i += 1) lines.push(`REF-${i},2026-01-01,Maternity,${quote(summary)},upheld`);
    const started = performance.now();
    const rows = parseComplaintCsv(lines.join('\n'), { ...CSV_LIMITS, maxRows: 10_000 });
    expect(rows).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(15_000); // ~1 s normally; generous for shared CI cores
  });
});
