/**
 * Precision and recall of redact() per kind of identifier.
 *
 *   npm run eval:redaction                      # the independent set (eval/independent-redaction.jsonl)
 *   npm run eval:redaction -- --dev             # the development set the rules were built on
 *   npm run eval:redaction -- path/to/set.jsonl --show   # any labelled set; --show lists misses and false positives
 *
 * The independent set was written by someone who never saw the redactor: measure on it, never
 * tune on it. Scoring is explained in libs/domain/src/understanding/redaction/redaction-score.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  precisionOf,
  recallOf,
  scoreRedaction,
  type LabelledRecord,
} from '../libs/domain/src/understanding/redaction/redaction-score';

const KINDS = ['name', 'age', 'address', 'postcode', 'date-of-birth', 'nhs-number', 'phone', 'email', 'ni-number'];
const DEV_SET = join(__dirname, '../libs/domain/src/understanding/redaction/data/development-set.jsonl');
const INDEPENDENT_SET = join(__dirname, '../eval/independent-redaction.jsonl');

function load(path: string): LabelledRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledRecord);
}

function main(): void {
  const args = process.argv.slice(2);
  const path = args.includes('--dev') ? DEV_SET : (args.find((a) => !a.startsWith('--')) ?? INDEPENDENT_SET);
  const records = load(path);
  const report = scoreRedaction(records);
  console.log(`${path}: ${records.length} records`);
  console.log('kind            gold  recalled  recall   spans  false+  precision');
  const kinds = [...new Set([...KINDS, ...report.byKind.map((s) => s.kind)])];
  for (const kind of kinds) {
    const s = report.byKind.find((k) => k.kind === kind) ?? { kind, gold: 0, recalled: 0, spans: 0, truePositiveSpans: 0 };
    const recall = s.gold === 0 ? '   –  ' : recallOf(s).toFixed(3);
    const precision = s.spans === 0 ? '   –  ' : precisionOf(s).toFixed(3);
    console.log(
      `${kind.padEnd(14)} ${String(s.gold).padStart(5)} ${String(s.recalled).padStart(9)}  ${recall}  ${String(s.spans).padStart(6)} ${String(s.spans - s.truePositiveSpans).padStart(7)}  ${precision}`,
    );
  }
  if (args.includes('--show')) {
    for (const m of report.misses) console.log(`miss  ${m.id} ${m.kind}: ${m.text}`);
    for (const f of report.falsePositives) console.log(`false+ ${f.id} ${f.kind}: ${f.text}`);
  }
}

main();
