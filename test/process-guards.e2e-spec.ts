import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/*
 * A stray rejection or exception is printed by Node in full — for a TypeORM error that includes
 * the statement's parameters (complaint text). The guards both apps install first log it through
 * the logger without message or parameters, then stop the process as Node would. Each case runs
 * in a child process so Node's own handling is what is replaced.
 */
const SECRET = `Quillfeather${randomBytes(6).toString('hex')}`;
const ROOT = join(__dirname, '..');

function run(kind: 'rejection' | 'exception', guarded: boolean): { output: string; status: number | null } {
  const script = `
    const { QueryFailedError } = require('typeorm');
    const { installProcessGuards } = require('./libs/config/src/process-guards');
    if (${guarded}) installProcessGuards('guard-test');
    const driverError = Object.assign(new Error('invalid input: "${SECRET}"'), { code: '22P02', detail: 'Failing row contains (${SECRET}).' });
    const error = new QueryFailedError('INSERT INTO complaint (summary) VALUES ($1)', ['Mrs ${SECRET} was not told'], driverError);
    if ('${kind}' === 'rejection') Promise.reject(error);
    else setTimeout(() => { throw error; }, 0);
  `;
  const child = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { output: `${child.stdout}\n${child.stderr}`, status: child.status };
}

describe('process guards against printing a stray error in full', () => {
  it.each(['rejection', 'exception'] as const)('an unhandled %s is logged without its text and stops the process', (kind) => {
    const unguarded = run(kind, false);
    expect(unguarded.output).toContain(SECRET); // what Node does by itself: the reason the guards exist
    const guarded = run(kind, true);
    expect(guarded.status).toBe(1);
    expect(guarded.output).toMatch(kind === 'rejection' ? /unhandled promise rejection/ : /uncaught exception/);
    expect(guarded.output).toMatch(/database error 22P02 \(invalid_text_representation\) in insert complaint #[0-9a-f]{8}/);
    expect(guarded.output).not.toContain(SECRET);
  });

  it('both apps install the guards before anything else runs', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    for (const app of ['ingest', 'worker']) {
      expect(readFileSync(join(ROOT, `apps/${app}/src/main.ts`), 'utf8')).toMatch(new RegExp(`installProcessGuards\\('${app}'\\)`));
    }
  });
});
