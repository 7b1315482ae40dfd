import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { copyBuildData } from '../../scripts/build-data';

export const ROOT = resolve(__dirname, '..', '..');

export interface BuildResult {
  outDir: string;
  rebuilt: boolean;
  /** TypeScript errors reported while emitting (the JavaScript is still emitted and used). */
  typeErrors: string[];
  ingestMain: string;
  workerMain: string;
  migrateCli: string;
}

/**
 * Compiles apps and libs exactly as `npm run build` does (tsc + tsc-alias with
 * tsconfig.build.json), but into a private output directory under `var/build/`, so a bench
 * or fault run never deletes the `dist/` another process is running from. Skips the
 * compile when the output is newer than every source file.
 */
export function buildApps(name: string, options: { force?: boolean; skipCompile?: boolean; log?: (line: string) => void } = {}): BuildResult {
  const log = options.log ?? (() => undefined);
  const outDir = join(ROOT, 'var', 'build', name);
  const stamp = join(outDir, '.build-stamp');
  const result = (rebuilt: boolean, typeErrors: string[]): BuildResult => ({
    outDir,
    rebuilt,
    typeErrors,
    ingestMain: join(outDir, 'apps/ingest/src/main.js'),
    workerMain: join(outDir, 'apps/worker/src/main.js'),
    migrateCli: join(outDir, 'libs/persistence/src/migrate.cli.js'),
  });
  const newestSource = newestMtime([join(ROOT, 'apps'), join(ROOT, 'libs')], ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => join(ROOT, f)));
  if (options.skipCompile && existsSync(stamp)) {
    log(`build: using ${relative(ROOT, outDir)} as it is (--no-build)`);
    return result(false, []);
  }
  if (!options.force && existsSync(stamp) && statSync(stamp).mtimeMs > newestSource) {
    log(`build: ${relative(ROOT, outDir)} is up to date`);
    return result(false, []);
  }
  log(`build: compiling apps and libs into ${relative(ROOT, outDir)} …`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const typeErrors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
  const alias = spawnSync(process.execPath, [tscAliasBin(), '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT, encoding: 'utf8' });
  if (alias.status !== 0) throw new Error(`tsc-alias failed: ${alias.stderr || alias.stdout}`);
  copyBuildData(outDir);
  const built = result(true, typeErrors);
  for (const entry of [built.ingestMain, built.workerMain, built.migrateCli]) {
    if (!existsSync(entry)) throw new Error(`build produced no ${relative(ROOT, entry)}:\n${typeErrors.join('\n')}`);
  }
  if (typeErrors.length > 0) log(`build: ${typeErrors.length} type error(s) in the tree (JavaScript emitted anyway), first: ${typeErrors[0]}`);
  // Only a clean build is reused: the next run must see (and report) the same type errors.
  if (typeErrors.length === 0) writeFileSync(stamp, new Date().toISOString());
  return built;
}

function tscAliasBin(): string {
  const pkg = require.resolve('tsc-alias/package.json');
  return join(pkg, '..', 'dist', 'bin', 'index.js');
}

function newestMtime(dirs: string[], files: string[]): number {
  let newest = 0;
  for (const file of files) if (existsSync(file)) newest = Math.max(newest, statSync(file).mtimeMs);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (/\.(ts|json|jsonl)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return newest;
}
