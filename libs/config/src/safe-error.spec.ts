import { safeErrorLog, safeErrorReason, SafeMessageError, statementName, toSafeError } from './safe-error';

const TEXT = 'Mrs Example was left without her medication';

/** What TypeORM's QueryFailedError carries: the driver's fields, the query and its parameters. */
function queryFailed(code: string, query: string): Error {
  return Object.assign(new Error(`invalid input: "${TEXT}"`), { name: 'QueryFailedError', code, detail: `Failing row contains (${TEXT})`, query, parameters: [[TEXT]] });
}

describe('safe error descriptions', () => {
  it('names a statement by verb, table and hash, whatever its layout', () => {
    const upsert = 'WITH input AS (SELECT * FROM unnest($1::text[]))\n  INSERT INTO complaint AS c (summary) SELECT summary FROM input';
    expect(statementName(upsert)).toMatch(/^insert complaint #[0-9a-f]{8}$/);
    expect(statementName(upsert.replace(/\n\s+/g, ' '))).toBe(statementName(upsert));
    expect(statementName('UPDATE "complaint" SET status = $1')).toMatch(/^update complaint #/);
    expect(statementName(undefined)).toBe('unknown statement');
  });

  it('describes a database error by SQLSTATE and statement, never its message, detail or parameters', () => {
    const error = queryFailed('40P01', 'INSERT INTO complaint (summary) VALUES ($1)');
    expect(safeErrorReason(error)).toMatch(/^database error 40P01 \(deadlock_detected\) in insert complaint #[0-9a-f]{8}$/);
    const logged = JSON.stringify(safeErrorLog(error));
    expect(logged).not.toContain(TEXT);
    expect(logged).toContain('"sqlState":"40P01"');
    expect(JSON.stringify(toSafeError(error).stack)).not.toContain(TEXT);
  });

  it('keeps our own safe messages and Node system errors, withholds any other message', () => {
    expect(safeErrorReason(new SafeMessageError('injected fault: poison record'))).toBe('injected fault: poison record');
    expect(safeErrorReason(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 6379 }))).toBe(
      'ECONNREFUSED (connect 127.0.0.1:6379)',
    );
    const other = new SyntaxError(`Unexpected token 'M', "${TEXT}" is not valid JSON`);
    expect(safeErrorReason(other)).toBe('SyntaxError (message withheld: it may quote submitted content)');
    expect(JSON.stringify(safeErrorLog(other))).not.toContain(TEXT);
    expect(safeErrorReason(TEXT)).toBe('string thrown (withheld)');
  });
});
