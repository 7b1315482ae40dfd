/**
 * Data files the compiled apps read at run time, which tsc does not emit: the classifier's
 * corpus and lexicon expansion, the redactor's second names list, the web app's templates and browser files (JSON imported with `import` is emitted by tsc and needs no
 * copy). One list for `npm run build` and for the private builds of the bench and fault suite.
 *
 *   npx tsx scripts/build-data.ts <outDir>     (npm run build:data)
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
export const RUNTIME_DATA_DIRS: readonly string[] = [
  'libs/domain/src/understanding/classification/data',
  'libs/domain/src/understanding/redaction/data',
  // The web app's nunjucks templates and its own browser files (docs/web.md).
  'apps/web/src/views',
  'apps/web/src/public',
];

export function copyBuildData(outDir: string): void {
  for (const dir of RUNTIME_DATA_DIRS) cpSync(join(ROOT, dir), join(outDir, dir), { recursive: true });
}

if (require.main === module) copyBuildData(resolve(process.argv[2] ?? 'dist'));
