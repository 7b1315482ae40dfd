/**
 * Evaluates the complaint classifier (`npm run eval`; `-- --cv` adds 5-fold cross-validation
 * inside the training part, the figure tuning decisions are judged on).
 *
 * 1. Held-out: a deterministic 20% of the training corpus (by a hash of each example's id);
 *    the classifier is trained on the other 80% only.
 * 2. Independent set (`eval/independent-themes.jsonl`): written separately from the corpus by
 *    someone who had not seen it, from other kinds of sources, and never used for tuning.
 *    Scored by the production model (trained on the whole corpus).
 * 3. Unseen phrasing (`eval/unseen-phrasing.jsonl`): the project's own 60 examples written in
 *    deliberately different words, never trained on.
 *
 * Each report: per-theme precision, recall and F1; micro and macro F1; label cardinality
 * (mean predicted against mean gold themes); severity exact and within one level, and the
 * severity confusion table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SEVERITIES, THEME_IDS, type ThemeId } from '../libs/domain/src/model/taxonomy';
import { CLASSIFIER_VERSION, type Classifier } from '../libs/domain/src/understanding/classification/runtime/classifier';
import { loadCorpusFile, splitCorpus, trainingCorpus, type CorpusExample } from '../libs/domain/src/understanding/classification/training/corpus';
import { trainClassifier } from '../libs/domain/src/understanding/classification/training/train-classifier';

const EVAL_DIR = join(__dirname, '..', 'eval');
const INDEPENDENT = join(EVAL_DIR, 'independent-themes.jsonl');
const UNSEEN = join(EVAL_DIR, 'unseen-phrasing.jsonl');

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  support: number;
}

interface EvalResult {
  perTheme: Map<ThemeId, Counts>;
  predictedLabels: number;
  goldLabels: number;
  confusion: number[][];
  n: number;
}

function evaluate(classifier: Classifier, examples: readonly CorpusExample[]): EvalResult {
  const perTheme = new Map<ThemeId, Counts>(THEME_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const confusion = SEVERITIES.map(() => SEVERITIES.map(() => 0));
  let predictedLabels = 0;
  let goldLabels = 0;
  for (const example of examples) {
    const result = classifier.classify({ summary: example.text, serviceArea: example.serviceArea });
    const predicted = new Set(result.themes.map((t) => t.id));
    const actual = new Set(example.themes);
    predictedLabels += predicted.size;
    goldLabels += actual.size;
    for (const [id, counts] of perTheme) {
      if (actual.has(id)) counts.support += 1;
      if (predicted.has(id) && actual.has(id)) counts.tp += 1;
      else if (predicted.has(id)) counts.fp += 1;
      else if (actual.has(id)) counts.fn += 1;
    }
    confusion[SEVERITIES.indexOf(example.severity)][SEVERITIES.indexOf(result.severity)] += 1;
  }
  return { perTheme, predictedLabels, goldLabels, confusion, n: examples.length };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const fmt = (x: number): string => x.toFixed(3);

function summarise(result: EvalResult): { microP: number; microR: number; micro: number; macro: number; exact: number; withinOne: number } {
  let [tp, fp, fn, macro, themes] = [0, 0, 0, 0, 0];
  for (const c of result.perTheme.values()) {
    [tp, fp, fn] = [tp + c.tp, fp + c.fp, fn + c.fn];
    if (c.support === 0) continue;
    macro += f1(ratio(c.tp, c.tp + c.fp), ratio(c.tp, c.tp + c.fn));
    themes += 1;
  }
  const microP = ratio(tp, tp + fp);
  const microR = ratio(tp, tp + fn);
  let exact = 0;
  let withinOne = 0;
  result.confusion.forEach((row, gold) =>
    row.forEach((count, got) => {
      if (gold === got) exact += count;
      if (Math.abs(gold - got) <= 1) withinOne += count;
    }),
  );
  return { microP, microR, micro: f1(microP, microR), macro: ratio(macro, themes), exact: ratio(exact, result.n), withinOne: ratio(withinOne, result.n) };
}

function printReport(title: string, result: EvalResult): void {
  console.log(`\n## ${title} (n=${result.n})\n`);
  console.log(`| theme | precision | recall | F1 | support |`);
  console.log(`|---|---:|---:|---:|---:|`);
  for (const [id, c] of result.perTheme) {
    const p = ratio(c.tp, c.tp + c.fp);
    const r = ratio(c.tp, c.tp + c.fn);
    console.log(`| ${id} | ${fmt(p)} | ${fmt(r)} | ${fmt(f1(p, r))} | ${c.support} |`);
  }
  const s = summarise(result);
  console.log(`\nmicro precision ${fmt(s.microP)} · micro recall ${fmt(s.microR)} · **micro-F1 ${fmt(s.micro)}** · **macro-F1 ${fmt(s.macro)}**`);
  console.log(`label cardinality: predicted ${(result.predictedLabels / result.n).toFixed(2)} · gold ${(result.goldLabels / result.n).toFixed(2)} themes per case`);
  console.log(`severity exact ${fmt(s.exact)} · within one level ${fmt(s.withinOne)}`);
  console.log(`\n| gold \\ predicted | ${SEVERITIES.join(' | ')} |`);
  console.log(`|---|${SEVERITIES.map(() => '---:').join('|')}|`);
  result.confusion.forEach((row, i) => console.log(`| ${SEVERITIES[i]} | ${row.join(' | ')} |`));
}

/** 5-fold cross-validation inside the training part only (fold by position): what tuning reads. */
function printCrossValidation(train: readonly CorpusExample[]): void {
  const folds = 5;
  const foldOf = (i: number): number => Math.floor(i / 3) % folds;
  const merged: EvalResult = { perTheme: new Map(THEME_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0, support: 0 }])), predictedLabels: 0, goldLabels: 0, confusion: SEVERITIES.map(() => SEVERITIES.map(() => 0)), n: 0 };
  for (let fold = 0; fold < folds; fold += 1) {
    const model = trainClassifier(train.filter((_, i) => foldOf(i) !== fold));
    const result = evaluate(model, train.filter((_, i) => foldOf(i) === fold && train[i].text.length >= 150));
    for (const [id, c] of result.perTheme) {
      const m = merged.perTheme.get(id) as Counts;
      [m.tp, m.fp, m.fn, m.support] = [m.tp + c.tp, m.fp + c.fp, m.fn + c.fn, m.support + c.support];
    }
    merged.predictedLabels += result.predictedLabels;
    merged.goldLabels += result.goldLabels;
    merged.n += result.n;
    result.confusion.forEach((row, g) => row.forEach((v, p) => (merged.confusion[g][p] += v)));
  }
  printReport('5-fold cross-validation inside the training part, examples of record length (≥150 chars)', merged);
}

/** Milliseconds of this process's CPU time per call: best of several rounds. */
function cpuPerCall(fn: () => void, iterations: number, rounds = 5): number {
  for (let i = 0; i < 50; i += 1) fn();
  let best = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i += 1) fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / iterations);
  }
  return best;
}

function main(): void {
  const corpus = trainingCorpus();
  const { train, test } = splitCorpus(corpus);
  // `--tuning` leaves the independent set out, so nobody tunes by looking at it.
  const independent = existsSync(INDEPENDENT) && !process.argv.includes('--tuning') ? loadCorpusFile(INDEPENDENT) : [];
  const unseen = loadCorpusFile(UNSEEN);
  const mean = (xs: readonly CorpusExample[]): string => (xs.reduce((n, e) => n + e.themes.length, 0) / Math.max(xs.length, 1)).toFixed(2);
  console.log(`# Classifier evaluation — ${CLASSIFIER_VERSION}`);
  console.log(`corpus: ${corpus.length} examples (${mean(corpus)} themes each) · train ${train.length} · held-out ${test.length} · independent ${independent.length} (${mean(independent)} themes each) · unseen phrasing ${unseen.length}`);

  if (process.argv.includes('--cv')) printCrossValidation(train);

  let started = performance.now();
  const splitModel = trainClassifier(train);
  console.log(`\ntraining on the 80% part: ${(performance.now() - started).toFixed(0)} ms`);
  printReport('Held-out 20% of the corpus (model trained on the other 80%)', evaluate(splitModel, test));
  const records = test.filter((e) => e.text.length >= 150);
  printReport('Held-out, examples of record length only (≥150 chars)', evaluate(splitModel, records));

  started = performance.now();
  const production = trainClassifier(corpus);
  console.log(`\ntraining the production model on the whole corpus: ${(performance.now() - started).toFixed(0)} ms`);
  if (independent.length > 0) printReport('Independent set, never used for tuning (production model)', evaluate(production, independent));
  else console.log(`\n(no independent set at ${INDEPENDENT})`);
  printReport('Unseen phrasing, the project’s own (production model)', evaluate(production, unseen));

  const record = corpus.filter((e) => e.text.length > 400).slice(0, 4).map((e) => e.text).join(' ');
  console.log(`\nclassify(), ${record.length}-char record: ${(cpuPerCall(() => production.classify({ summary: record }), 300) * 1000).toFixed(0)} µs CPU (best of 5 rounds)`);
}

main();
