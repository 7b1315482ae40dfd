import { CsvFileRejected } from './intake-errors';
import { CSV_LIMITS, parseComplaintCsv, parseComplaintCsvInSlices } from './complaint-csv.parser';

const HEADER = 'reference,receivedAt,serviceArea,summary,outcome,remedies';
const row = (reference: string) => `${reference},2026-09-01,Housing,"The boiler repair was delayed, twice",upheld,apology; financial`;

function headerError(text: string): CsvFileRejected {
  try {
    parseComplaintCsv(text);
  } catch (error) {
    return error as CsvFileRejected;
  }
  throw new Error('expected the header to be refused');
}

describe('parseComplaintCsv', () => {
  it('reads quoted cells with commas and splits remedies on ";"', () => {
    const [first] = parseComplaintCsv(`${HEADER}\n${row('A')}\n`);
    expect(first).toEqual({
      index: 0,
      line: 2,
      raw: {
        reference: 'A',
        receivedAt: '2026-09-01',
        serviceArea: 'Housing',
        summary: 'The boiler repair was delayed, twice',
        outcome: 'upheld',
        remedies: ['apology', 'financial'],
      },
    });
  });

  it('strips a byte order mark and accepts CRLF line ends', () => {
    const rows = parseComplaintCsv(`\ufeff${HEADER}\r\n${row('A')}\r\n${row('B')}\r\n`);
    expect(rows.map((r) => ('raw' in r ? r.raw.reference : null))).toEqual(['A', 'B']);
  });

  it('leaves empty cells out so optional fields stay absent', () => {
    const [first] = parseComplaintCsv(`${HEADER}\nA,2026-09-01,Housing,"Some text that is long enough",upheld,\n`);
    expect('raw' in first && 'remedies' in first.raw).toBe(false);
  });

  it('refuses an unknown or missing column by name', () => {
    const error = headerError('reference,receivedAt,serviceArea,summary,verdict\n');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'verdict' }),
        expect.objectContaining({ field: 'outcome', message: expect.stringMatching(/required column/) }),
      ]),
    );
  });

  it('refuses a file with no header', () => {
    expect(headerError('').details[0]).toMatchObject({ field: 'csv' });
  });

  it('turns a row with the wrong number of cells into an error for that row alone', () => {
    const rows = parseComplaintCsv(`${HEADER}\n${row('A')}\nB,2026-09-01,extra,cells,here,x,y\n${row('C')}\n`);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({ index: 1, details: [{ field: 'csv', message: expect.stringMatching(/Invalid Record Length/) }] });
    expect('raw' in rows[2] && rows[2].raw.reference).toBe('C');
  });

  it('keeps the rows before an unbalanced quote and reports the broken one', () => {
    const rows = parseComplaintCsv(`${HEADER}\n${row('A')}\nB,2026-09-01,Housing,"never closed,upheld,\n`);
    expect('raw' in rows[0] && rows[0].raw.reference).toBe('A');
    expect(rows[rows.length - 1]).toMatchObject({ details: [{ field: 'csv', message: expect.stringMatching(/Quote Not Closed/) }] });
  });

  it('parses a 10 MB export', () => {
    const body = Array.from({ length: 40_000 }, (_, i) => row(`R${i}`)).join('\n');
    const text = `${HEADER}\n${body}\n`;
    expect(text.length).toBeGreaterThan(2_500_000);
    const big = `${HEADER}\n${Array.from({ length: 4 }, () => body).join('\n')}\n`;
    expect(big.length).toBeGreaterThan(10_000_000);
    const rows = parseComplaintCsv(big, { ...CSV_LIMITS, maxRows: 160_000 });
    expect(rows).toHaveLength(160_000);
    expect(rows.every((r) => 'raw' in r)).toBe(true);
  });
});

describe('parseComplaintCsv limits (applied while parsing)', () => {
  const failure = (text: string, limits = CSV_LIMITS): CsvFileRejected => {
    try {
      parseComplaintCsv(text, limits);
    } catch (error) {
      return error as CsvFileRejected;
    }
    throw new Error('expected the file to be refused');
  };

  it('refuses one data row over the cap, naming the limit, and counts broken rows too', () => {
    const ok = `${HEADER}\n${Array.from({ length: 3 }, (_, i) => row(`R${i}`)).join('\n')}\n`;
    expect(parseComplaintCsv(ok, { ...CSV_LIMITS, maxRows: 3 })).toHaveLength(3);
    const over = `${ok}${row('R3')}\n`;
    expect(failure(over, { ...CSV_LIMITS, maxRows: 3 }).details).toEqual([{ field: 'csv', message: 'at most 3 data rows per upload' }]);
    const broken = `${HEADER}\n${Array.from({ length: 4 }, () => 'x,"y').join('\n')}\n`;
    expect(failure(broken.replace(/"/g, '"z"q'), { ...CSV_LIMITS, maxRows: 3 }).details[0].message).toBe('at most 3 data rows per upload');
  });

  it('stops at the cap instead of reading the rest of a huge file', () => {
    const huge = `${HEADER}\n${Array.from({ length: 200_000 }, (_, i) => row(`R${i}`)).join('\n')}\n`;
    const started = performance.now();
    expect(failure(huge).details[0].message).toBe(`at most ${CSV_LIMITS.maxRows} data rows per upload`);
    // Parsing all 200,000 rows takes ~7 s here; stopping at the cap, a small fraction of that.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a row larger than max_record_size, naming the limit', () => {
    const text = `${HEADER}\nA,2026-09-01,Housing,"${'x'.repeat(300_000)}",upheld,apology\n`;
    expect(failure(text).details[0].message).toMatch(/a row is larger than the limit of 262144 bytes per row \(line 2\)/);
  });

  it('never echoes cell content in a row error', () => {
    const secret = 'Mrs Example said the ward was filthy';
    const rows = parseComplaintCsv(`${HEADER}\n${row('A')}\nB,2026-09-01,Housing,${secret} "quoted",upheld,apology\n`);
    const broken = rows.find((r) => 'details' in r);
    expect(broken).toBeDefined();
    expect(JSON.stringify(broken)).not.toContain('Mrs Example');
    expect(JSON.stringify(broken)).toMatch(/Invalid Opening Quote/);
  });
});

describe('parseComplaintCsvInSlices (the same parse, giving the event loop back between slices)', () => {
  const answer = async (parseIt: () => unknown | Promise<unknown>) => {
    try {
      return { rows: await parseIt() };
    } catch (error) {
      return { error: error instanceof CsvFileRejected ? { details: error.details, message: error.message } : String(error) };
    }
  };

  it('answers exactly as parseComplaintCsv, whatever the slice boundaries cut through', async () => {
    const texts = [
      `\ufeff${HEADER}\r\n${row('A')}\r\n${row('B')}\r\n`,
      `${HEADER}\nÉ-1,2026-09-01,Café – Ward 7,"Le médecin n’a pas expliqué, ni écrit ✓",upheld,apology\n`,
      `${HEADER}\n${row('A')}\nB,2026-09-01,extra,cells,here,x,y\n${row('C')}\n`,
      `${HEADER}\n${row('A')}\nB,2026-09-01,Housing,"never closed,upheld,\n`,
      `${HEADER}\n${Array.from({ length: 4 }, (_, i) => row(`R${i}`)).join('\n')}\n`,
      `${HEADER}\nA,2026-09-01,Housing,"${'x'.repeat(300_000)}",upheld,apology\n`,
      'reference,receivedAt,serviceArea,summary,verdict\n',
      '',
    ];
    for (const text of texts) {
      const limits = { ...CSV_LIMITS, maxRows: 3 };
      const expected = await answer(() => parseComplaintCsv(text, limits));
      // Tiny slices split every multi-byte character and quote; the 300 KB row only needs a few.
      for (const slice of text.length > 10_000 ? [4096, 64 * 1024] : [1, 7, 64 * 1024]) {
        expect(await answer(() => parseComplaintCsvInSlices(Buffer.from(text), limits, slice))).toEqual(expected);
      }
    }
  });

  it('lets other work run while a large file is parsed', async () => {
    const text = `${HEADER}\n${Array.from({ length: 5_000 }, (_, i) => row(`R${i}`)).join('\n')}\n`;
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const rows = await parseComplaintCsvInSlices(Buffer.from(text), { ...CSV_LIMITS, maxRows: 5_000 }, 16 * 1024);
    clearInterval(ticker);
    expect(rows).toHaveLength(5_000);
    expect(turns).toBeGreaterThan(5);
  });
});
