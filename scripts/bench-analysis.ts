/**
 * CPU per record of the worker's analysis, stage by stage, in one process: the part of the
 * pipeline's cost that is this project's own code (no Redis, PostgreSQL or network). Records come
 * from the bench's generator (same seed, realistic text), so the figures match `npm run bench`'s
 * data. Each stage is timed over all records in turn, after one untimed warm-up pass, and the
 * best of `--rounds` is kept: the machine's other load only ever adds time.
 *
 *   npx tsx scripts/bench-analysis.ts [--records N] [--rounds N]
 */
import type { Outcome, Remedy } from '@app/domain';
import { dedupFingerprint } from '@app/domain/dedup';
import { createDefaultClassifier, redact, understand, writeLearningSummary } from '@app/domain/understanding';
import { ComplaintGenerator } from '../bench/lib/complaint-generator';

interface Options {
  records: number;
  rounds: number;
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const at = argv.indexOf(flag);
    if (at < 0) return fallback;
    const parsed = Number(argv[at + 1]);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${flag} needs a positive whole number`);
    return parsed;
  };
  return { records: value('--records', 2000), rounds: value('--rounds', 5) };
}

/** Best-of-rounds CPU microseconds per item for `work` over `items`. */
function timePerItem<T>(items: readonly T[], rounds: number, work: (item: T) => unknown): number {
  for (const item of items) work(item);
  let best = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    const start = process.cpuUsage();
    for (const item of items) work(item);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / items.length);
  }
  return best;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const generator = new ComplaintGenerator();
  // As the worker reads them: the generator's records are the API's untyped JSON.
  const records = generator
    .records(options.records, 20)
    .flat()
    .map((r) => ({ ...r, outcome: r.outcome as Outcome, remedies: (r.remedies ?? []) as Remedy[] }));
  const classifier = createDefaultClassifier();
  const redacted = records.map((r) => ({ summary: redact(r.summary).text, learning: r.learning === undefined ? undefined : redact(r.learning).text }));
  const stages: Array<[string, () => number]> = [
    ['redact (summary + learning)', () => timePerItem(records, options.rounds, (r) => [redact(r.summary), r.learning === undefined ? null : redact(r.learning)])],
    [
      'classify (redacted text)',
      () =>
        timePerItem(records.map((r, i) => ({ r, t: redacted[i] })), options.rounds, ({ r, t }) =>
          classifier.classify({ summary: t.summary, learning: t.learning, serviceArea: r.serviceArea, outcome: r.outcome, remedies: r.remedies }),
        ),
    ],
    [
      'learning summary',
      () => {
        const inputs = records.map((r, i) => {
          const remedies = r.remedies;
          const classification = classifier.classify({ summary: redacted[i].summary, learning: redacted[i].learning, serviceArea: r.serviceArea, outcome: r.outcome, remedies });
          return { summary: redacted[i].summary, learning: redacted[i].learning, outcome: r.outcome, serviceArea: r.serviceArea, remedies, classification };
        });
        return timePerItem(inputs, options.rounds, (input) => writeLearningSummary(input));
      },
    ],
    ['dedup fingerprint', () => timePerItem(redacted, options.rounds, (t) => dedupFingerprint(t.summary))],
    ['understand (redact + classify + summary)', () => timePerItem(records, options.rounds, (r) => understand(r, classifier))],
  ];
  const chars = records.reduce((sum, r) => sum + r.summary.length + (r.learning?.length ?? 0), 0) / records.length;
  console.log(`${records.length} generated records, mean ${chars.toFixed(0)} characters (summary + learning), best of ${options.rounds} rounds`);
  for (const [name, run] of stages) console.log(`  ${name.padEnd(42)} ${run().toFixed(0).padStart(6)} µs CPU per record`);
}

main();
