/**
 * Evaluates duplicate detection the way the worker runs it: an exact-hash or LSH band match
 * (word-shingle bands or content-word bands) makes a candidate, decideDuplicate verifies it
 * with both signals. Prints precision / recall / F1 per pair category on the project's own
 * generated pairs, threshold sweeps and timings; then, when eval/independent-dedup-pairs.jsonl
 * exists, the same table for that independent set (never used for tuning).
 *
 *   npm run eval:dedup                       # own pairs, plus the independent set if present
 *   npm run eval:dedup -- --skip-independent # own pairs only
 *   npm run eval:dedup -- --independent path/to/pairs.jsonl
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  decideDuplicate,
  dedupFingerprint,
  lshBands,
  minhashSignature,
  bandCandidates,
  DEFAULT_DEDUP_OPTIONS,
  DEFAULT_LSH_BANDS,
  DEFAULT_LSH_ROWS,
  WORD_LSH_BANDS,
  WORD_LSH_ROWS,
  type DedupCandidate,
  type DedupFingerprint,
  type DedupOptions,
  type DedupRecord,
} from '../libs/domain/src/dedup';
import { pairSignals } from '../libs/domain/src/dedup/similarity';
import { BASE_COMPLAINTS } from '../libs/domain/src/dedup/fixtures/base-complaints';
import { INDEPENDENT_CATEGORIES, parseIndependentPairs } from '../libs/domain/src/dedup/fixtures/independent-pairs';
import { LABELLED_PAIRS, PAIR_CATEGORIES } from '../libs/domain/src/dedup/fixtures/labelled-pairs';
import { SHORT_COMPLAINTS, TEMPLATED_COMPLAINTS } from '../libs/domain/src/dedup/fixtures/short-complaints';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const INDEPENDENT_FILE = resolve(__dirname, '../eval/independent-dedup-pairs.jsonl');

/** One pair in the form both sets are evaluated in. */
interface EvalPair {
  category: string;
  duplicate: boolean;
  sameOrganisation: boolean;
  related: boolean;
  receivedAtA: Date;
  receivedAtB: Date;
  a: string;
  b: string;
}

interface Outcome {
  pair: EvalPair;
  candidate: boolean;
  predictedDuplicate: boolean;
  predictedRelated: boolean;
  shingleJ: number;
  wordJ: number;
}

const ownPairs: EvalPair[] = LABELLED_PAIRS.map((p) => ({
  ...p,
  receivedAtA: new Date(T0),
  receivedAtB: new Date(T0 + (p.daysApart ?? 10) * DAY_MS),
}));

function record(id: string, fp: DedupFingerprint, organisationId: string, receivedAt: Date): DedupRecord {
  return { id, organisationId, reference: `REF-${id}`, receivedAt, exactHash: fp.exactHash, shingles: fp.shingles };
}

function candidateOf(fp: DedupFingerprint, organisationId: string, receivedAt: Date): DedupCandidate {
  return { ...record('a', fp, organisationId, receivedAt), status: 'original' };
}

/**
 * Exact-hash lookup is restricted to the same organisation; the band index is global, and a
 * pair met through content-word bands only needs MIN_SHARED_WORD_BANDS of them (as the worker).
 */
function isCandidate(a: DedupFingerprint, b: DedupFingerprint, sameOrganisation: boolean): boolean {
  return (sameOrganisation && a.exactHash === b.exactHash) || bandCandidates(a.bands, b.bands);
}

const fingerprints = new Map<string, DedupFingerprint>();
function fingerprint(text: string): DedupFingerprint {
  let fp = fingerprints.get(text);
  if (!fp) fingerprints.set(text, (fp = dedupFingerprint(text)));
  return fp;
}

function evaluate(pairs: readonly EvalPair[], options: DedupOptions = {}): Outcome[] {
  return pairs.map((pair) => {
    const fa = fingerprint(pair.a);
    const fb = fingerprint(pair.b);
    const candidate = isCandidate(fa, fb, pair.sameOrganisation);
    const stored = candidateOf(fa, pair.sameOrganisation ? 'org-1' : 'org-2', pair.receivedAtA);
    const subject = record('b', fb, 'org-1', pair.receivedAtB);
    const decision = decideDuplicate(subject, candidate ? [stored] : [], options);
    const signals = pairSignals(subject, stored);
    return {
      pair,
      candidate,
      predictedDuplicate: decision.kind === 'duplicate',
      predictedRelated: decision.related.some((l) => l.id === 'a' && l.rule === 'cross-body'),
      shingleJ: signals?.shingles ?? 0,
      wordJ: signals?.words?.jaccard ?? 0,
    };
  });
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function count(outcomes: readonly Outcome[]): Counts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const o of outcomes) {
    if (o.pair.duplicate && o.predictedDuplicate) c.tp++;
    else if (o.pair.duplicate) c.fn++;
    else if (o.predictedDuplicate) c.fp++;
    else c.tn++;
  }
  return c;
}

const ratio = (n: number, d: number): string => (d === 0 ? '  n/a' : (n / d).toFixed(3));
const precision = (c: Counts): string => ratio(c.tp, c.tp + c.fp);
const recall = (c: Counts): string => ratio(c.tp, c.tp + c.fn);

function f1(c: Counts): string {
  const p = c.tp / (c.tp + c.fp);
  const r = c.tp / (c.tp + c.fn);
  return c.tp === 0 ? '  n/a' : ((2 * p * r) / (p + r)).toFixed(3);
}

function spread(values: number[]): string {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  return `${at(0)} / ${at(0.5)} / ${at(1)}`;
}

function labelOf(rows: readonly Outcome[]): string {
  const duplicates = rows.filter((o) => o.pair.duplicate).length;
  if (duplicates === rows.length) return 'duplicate';
  if (duplicates > 0) return 'mixed';
  return rows.every((o) => o.pair.related) ? 'related' : 'distinct';
}

function printCategoryTable(outcomes: readonly Outcome[], categories: readonly string[]): void {
  console.log(`| category | pairs | label | shingle J min / median / max | word J min / median / max | candidate | flagged dup | precision | recall | F1 | confusion TP/FP/FN/TN | related link |`);
  console.log(`|---|---:|---|---|---|---:|---:|---:|---:|---:|---|---:|`);
  for (const category of categories) {
    const rows = outcomes.filter((o) => o.pair.category === category);
    if (rows.length === 0) continue;
    const c = count(rows);
    const candidates = rows.filter((o) => o.candidate).length;
    const flagged = rows.filter((o) => o.predictedDuplicate).length;
    const related = rows.filter((o) => o.predictedRelated).length;
    console.log(
      `| ${category} | ${rows.length} | ${labelOf(rows)} | ${spread(rows.map((o) => o.shingleJ))} | ${spread(rows.map((o) => o.wordJ))} | ${candidates}/${rows.length} | ${flagged} | ${precision(c)} | ${recall(c)} | ${f1(c)} | ${c.tp}/${c.fp}/${c.fn}/${c.tn} | ${related}/${rows.length} |`,
    );
  }
  const all = count(outcomes);
  console.log(`| **all** | ${outcomes.length} | | | | | ${all.tp + all.fp} | ${precision(all)} | ${recall(all)} | ${f1(all)} | ${all.tp}/${all.fp}/${all.fn}/${all.tn} | |`);
  console.log(`\nconfusion (all): TP ${all.tp}  FP ${all.fp}  FN ${all.fn}  TN ${all.tn}`);
}

/** Recall per duplicate category and overall precision for a list of option sets. */
function printSweep(rows: ReadonlyArray<readonly [string, DedupOptions]>): void {
  const dupCategories = PAIR_CATEGORIES.filter((c) => ownPairs.some((p) => p.category === c && p.duplicate) && c !== 'exact');
  console.log(`| rule | precision | recall | F1 | FP | ${dupCategories.map((c) => `R ${c}`).join(' | ')} |`);
  console.log(`|---|---:|---:|---:|---:|${dupCategories.map(() => '---:').join('|')}|`);
  for (const [name, options] of rows) {
    const outcomes = evaluate(ownPairs, options);
    const c = count(outcomes);
    const perCategory = dupCategories.map((cat) => recall(count(outcomes.filter((o) => o.pair.category === cat))));
    console.log(`| ${name} | ${precision(c)} | ${recall(c)} | ${f1(c)} | ${c.fp} | ${perCategory.join(' | ')} |`);
  }
}

/** Disables the content-word rule: the shingles must pass the floor 1.0, i.e. be identical sets. */
const SHINGLES_ONLY: DedupOptions = { shingleFloor: 1 };

function printSweeps(): void {
  printSweep([
    ['dedup-v1: shingles only, 0.8 (old domain default)', { ...SHINGLES_ONLY, nearThreshold: 0.8 }],
    ['dedup-v1: shingles only, 0.7 (old worker default)', { ...SHINGLES_ONLY, nearThreshold: 0.7 }],
    ...[0.6, 0.7, 0.8].map((t) => [`dedup-v2, nearThreshold ${t}`, { nearThreshold: t }] as const),
    ...[0.5, 0.55, 0.65, 0.7, 0.8].map((w) => [`dedup-v2, wordThreshold ${w}`, { wordThreshold: w }] as const),
    ...[0.2, 0.4, 0.5].map((f) => [`dedup-v2, shingleFloor ${f}`, { shingleFloor: f }] as const),
    ['dedup-v2, no containment rule', { containmentThreshold: 1, containmentWordFloor: 1 }] as const,
  ]);
}

/** All pairs of distinct base and short complaints, across themes too: how noisy is the index? */
function printCorpusNoise(): void {
  const texts = [...BASE_COMPLAINTS, ...SHORT_COMPLAINTS, ...TEMPLATED_COMPLAINTS].map((c) => c.text);
  const fps = texts.map((t) => fingerprint(t));
  let pairs = 0;
  let candidates = 0;
  let merged = 0;
  for (let i = 0; i < fps.length; i++) {
    for (let j = i + 1; j < fps.length; j++) {
      pairs++;
      if (!isCandidate(fps[i], fps[j], true)) continue;
      candidates++;
      const subject = record('b', fps[j], 'org-1', new Date(T0));
      if (decideDuplicate(subject, [candidateOf(fps[i], 'org-1', new Date(T0))]).kind === 'duplicate') merged++;
    }
  }
  console.log(`distinct complaints: ${fps.length}; pairs ${pairs}; LSH candidates ${candidates}; wrongly merged ${merged}`);
}

/** Best of five rounds after warm-up: the least disturbed by other work on the machine. */
function timeIt(iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(2000, iterations); i++) fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations / 1e6);
  }
  return best;
}

function text1500(): string {
  const joined = BASE_COMPLAINTS.map((b) => b.text).join(' ');
  return joined.slice(0, joined.lastIndexOf(' ', 1500));
}

function printTimings(): void {
  const long = text1500();
  const fp = dedupFingerprint(long);
  const texts = BASE_COMPLAINTS.map((b) => b.text);
  let k = 0;
  const subject = record('s', fp, 'org-1', new Date(T0));
  const candidates: DedupCandidate[] = texts.slice(0, 10).map((t, i) => ({
    ...candidateOf(dedupFingerprint(t), i % 2 === 0 ? 'org-1' : 'org-2', new Date(T0)),
    id: `c${i}`,
    reference: `R${i}`,
  }));
  console.log(`text length for per-signature timings: ${long.length} chars, stored set ${fp.shingles.length} values, ${fp.bands.length} band keys`);
  console.log(`| step | ms per call |`);
  console.log(`|---|---:|`);
  const full = timeIt(5_000, () => dedupFingerprint(long));
  console.log(`| minhashSignature (128 hashes) | ${timeIt(5_000, () => minhashSignature(fp.shingles)).toFixed(4)} |`);
  console.log(`| lshBands (${DEFAULT_LSH_BANDS}×${DEFAULT_LSH_ROWS}) | ${timeIt(5_000, () => lshBands(fp.signature)).toFixed(4)} |`);
  console.log(`| dedupFingerprint, 1,500 chars (normalise + sha256 + shingles + content words + 2 MinHash + bands) | ${full.toFixed(4)} |`);
  console.log(`| dedupFingerprint, fixture texts (mean ${Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length)} chars) | ${timeIt(5_000, () => dedupFingerprint(texts[k++ % texts.length])).toFixed(4)} |`);
  console.log(`| decideDuplicate, 10 candidates (both signals, exact) | ${timeIt(5_000, () => decideDuplicate(subject, candidates)).toFixed(4)} |`);
  console.log(`\n≈ ${Math.round(1000 / full).toLocaleString('en-GB')} fingerprints of 1,500 chars per second per core`);
}

function independentFile(): string | undefined {
  if (process.argv.includes('--skip-independent')) return undefined;
  const at = process.argv.indexOf('--independent');
  const file = at >= 0 ? resolve(process.argv[at + 1] ?? '') : INDEPENDENT_FILE;
  return existsSync(file) ? file : undefined;
}

/** The independent set, evaluated with the defaults exactly as the own pairs are. */
function printIndependent(file: string): void {
  const { pairs, ignoredFields } = parseIndependentPairs(readFileSync(file, 'utf8'));
  console.log(`\n## independent set (never used for tuning)\n`);
  console.log(`${pairs.length} pairs from ${file}`);
  for (const { field, line } of ignoredFields) console.log(`(ignored field "${field}", first on line ${line})`);
  console.log('');
  printCategoryTable(evaluate(pairs), INDEPENDENT_CATEGORIES);
}

function main(): void {
  const o = DEFAULT_DEDUP_OPTIONS;
  console.log(
    `# eval-dedup  (LSH ${DEFAULT_LSH_BANDS}×${DEFAULT_LSH_ROWS} shingle bands + ${WORD_LSH_BANDS}×${WORD_LSH_ROWS} content-word bands; ` +
      `near: shingle J ≥ ${o.nearThreshold}, or shingle J ≥ ${o.shingleFloor} and (word J ≥ ${o.wordThreshold} or containment ≥ ${o.containmentThreshold} with word J ≥ ${o.containmentWordFloor}); relatedThreshold ${o.relatedThreshold})\n`,
  );
  console.log(`## project's own pairs\n\n${ownPairs.length} labelled pairs from ${BASE_COMPLAINTS.length} base complaints and ${SHORT_COMPLAINTS.length + TEMPLATED_COMPLAINTS.length} short ones\n`);
  printCategoryTable(evaluate(ownPairs), PAIR_CATEGORIES);
  console.log(`\n## sweeps (precision over all own pairs; recall per duplicate category)\n`);
  printSweeps();
  console.log(`\n## index noise\n`);
  printCorpusNoise();
  console.log(`\n## timings (node ${process.version})\n`);
  printTimings();
  const file = independentFile();
  if (file) printIndependent(file);
  else console.log(`\n(independent set: ${process.argv.includes('--skip-independent') ? 'skipped' : `not found at ${INDEPENDENT_FILE}`})`);
}

main();
