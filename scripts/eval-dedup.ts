/**
 * Evaluates duplicate detection on the labelled pairs the way the worker runs it: an
 * exact-hash or LSH band match makes a candidate, decideDuplicate verifies it. Prints
 * precision / recall / F1 per pair category, a threshold sweep and timings.
 *
 *   npx tsx scripts/eval-dedup.ts
 */
import {
  decideDuplicate,
  dedupFingerprint,
  lshBands,
  minhashSignature,
  sharesBand,
  similarityOf,
  DEFAULT_DEDUP_OPTIONS,
  DEFAULT_LSH_BANDS,
  DEFAULT_LSH_ROWS,
  type DedupCandidate,
  type DedupDecision,
  type DedupFingerprint,
  type DedupRecord,
} from '../libs/domain/src/dedup';
import { BASE_COMPLAINTS } from '../libs/domain/src/dedup/fixtures/base-complaints';
import { LABELLED_PAIRS, PAIR_CATEGORIES, type LabelledPair } from '../libs/domain/src/dedup/fixtures/labelled-pairs';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

interface Outcome {
  pair: LabelledPair;
  candidate: boolean;
  predictedDuplicate: boolean;
  predictedRelated: boolean;
  similarity: number;
}

function subjectOf(fp: DedupFingerprint): DedupRecord {
  return { id: 'b', organisationId: 'org-1', reference: 'REF-B', receivedAt: new Date(T0 + 10 * DAY_MS), exactHash: fp.exactHash, shingles: fp.shingles };
}

function candidateOf(fp: DedupFingerprint, sameOrganisation: boolean): DedupCandidate {
  return {
    id: 'a',
    organisationId: sameOrganisation ? 'org-1' : 'org-2',
    reference: 'REF-A',
    receivedAt: new Date(T0),
    exactHash: fp.exactHash,
    shingles: fp.shingles,
    status: 'original',
  };
}

/** Exact-hash lookup is restricted to the same organisation; the band index is global. */
function isCandidate(a: DedupFingerprint, b: DedupFingerprint, sameOrganisation: boolean): boolean {
  return (sameOrganisation && a.exactHash === b.exactHash) || sharesBand(a.bands, b.bands);
}

function evaluate(pairs: readonly LabelledPair[], nearThreshold: number): Outcome[] {
  return pairs.map((pair) => {
    const fa = dedupFingerprint(pair.a);
    const fb = dedupFingerprint(pair.b);
    const candidate = isCandidate(fa, fb, pair.sameOrganisation);
    const decision: DedupDecision = decideDuplicate(subjectOf(fb), candidate ? [candidateOf(fa, pair.sameOrganisation)] : [], {
      nearThreshold,
    });
    return {
      pair,
      candidate,
      predictedDuplicate: decision.kind === 'duplicate',
      predictedRelated: decision.related.some((l) => l.id === 'a' && l.rule === 'cross-body'),
      similarity: similarityOf(subjectOf(fb), candidateOf(fa, true)) ?? 0,
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

function f1(c: Counts): string {
  const p = c.tp / (c.tp + c.fp);
  const r = c.tp / (c.tp + c.fn);
  return c.tp === 0 ? '  n/a' : ((2 * p * r) / (p + r)).toFixed(3);
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function printCategoryTable(outcomes: readonly Outcome[]): void {
  console.log(`| category | pairs | label | Jaccard min / median / max | LSH candidate | flagged dup | precision | recall | F1 | related link |`);
  console.log(`|---|---:|---|---|---:|---:|---:|---:|---:|---:|`);
  for (const category of PAIR_CATEGORIES) {
    const rows = outcomes.filter((o) => o.pair.category === category);
    const c = count(rows);
    const sims = rows.map((o) => o.similarity).sort((x, y) => x - y);
    const label = rows[0].pair.duplicate ? 'duplicate' : rows[0].pair.related ? 'related' : 'distinct';
    const candidates = rows.filter((o) => o.candidate).length;
    const flagged = rows.filter((o) => o.predictedDuplicate).length;
    const related = rows.filter((o) => o.predictedRelated).length;
    console.log(
      `| ${category} | ${rows.length} | ${label} | ${sims[0].toFixed(2)} / ${percentile(sims, 0.5).toFixed(2)} / ${sims[sims.length - 1].toFixed(2)} | ${candidates}/${rows.length} | ${flagged} | ${ratio(c.tp, c.tp + c.fp)} | ${ratio(c.tp, c.tp + c.fn)} | ${f1(c)} | ${related}/${rows.length} |`,
    );
  }
  const all = count(outcomes);
  console.log(`| **all** | ${outcomes.length} | | | | ${all.tp + all.fp} | ${ratio(all.tp, all.tp + all.fp)} | ${ratio(all.tp, all.tp + all.fn)} | ${f1(all)} | |`);
  console.log(`\nconfusion (all): TP ${all.tp}  FP ${all.fp}  FN ${all.fn}  TN ${all.tn}`);
}

function printSweep(): void {
  const nearCategories = PAIR_CATEGORIES.filter((c) => c.startsWith('near-'));
  console.log(`| nearThreshold | precision | recall | F1 | ${nearCategories.map((c) => `recall ${c.replace('near-', '')}`).join(' | ')} |`);
  console.log(`|---:|---:|---:|---:|${nearCategories.map(() => '---:').join('|')}|`);
  for (const threshold of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    const outcomes = evaluate(LABELLED_PAIRS, threshold);
    const c = count(outcomes);
    const perCategory = nearCategories.map((cat) => {
      const cc = count(outcomes.filter((o) => o.pair.category === cat));
      return ratio(cc.tp, cc.tp + cc.fn);
    });
    console.log(`| ${threshold.toFixed(1)} | ${ratio(c.tp, c.tp + c.fp)} | ${ratio(c.tp, c.tp + c.fn)} | ${f1(c)} | ${perCategory.join(' | ')} |`);
  }
}

/** All 2,080 pairs of distinct base complaints, across themes too: how noisy is the index? */
function printCorpusNoise(): void {
  const fps = BASE_COMPLAINTS.map((b) => dedupFingerprint(b.text));
  let pairs = 0;
  let candidates = 0;
  let merged = 0;
  for (let i = 0; i < fps.length; i++) {
    for (let j = i + 1; j < fps.length; j++) {
      pairs++;
      if (!isCandidate(fps[i], fps[j], true)) continue;
      candidates++;
      if (decideDuplicate(subjectOf(fps[j]), [candidateOf(fps[i], true)]).kind === 'duplicate') merged++;
    }
  }
  console.log(`distinct base complaints: ${fps.length}; pairs ${pairs}; LSH candidates ${candidates}; wrongly merged ${merged}`);
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
  const subject = subjectOf(fp);
  const candidates: DedupCandidate[] = texts.slice(0, 10).map((t, i) => ({
    ...candidateOf(dedupFingerprint(t), i % 2 === 0),
    id: `c${i}`,
    reference: `R${i}`,
  }));
  console.log(`text length for per-signature timings: ${long.length} chars, ${fp.shingles.length} shingles`);
  console.log(`| step | ms per call |`);
  console.log(`|---|---:|`);
  const full = timeIt(5_000, () => dedupFingerprint(long));
  console.log(`| minhashSignature (128 hashes) | ${timeIt(5_000, () => minhashSignature(fp.shingles)).toFixed(4)} |`);
  console.log(`| lshBands (${DEFAULT_LSH_BANDS}×${DEFAULT_LSH_ROWS}) | ${timeIt(5_000, () => lshBands(fp.signature)).toFixed(4)} |`);
  console.log(`| dedupFingerprint, 1,500 chars (normalise + sha256 + shingles + MinHash + bands) | ${full.toFixed(4)} |`);
  console.log(`| dedupFingerprint, fixture texts (mean ${Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length)} chars) | ${timeIt(5_000, () => dedupFingerprint(texts[k++ % texts.length])).toFixed(4)} |`);
  console.log(`| decideDuplicate, 10 candidates (exact Jaccard) | ${timeIt(5_000, () => decideDuplicate(subject, candidates)).toFixed(4)} |`);
  console.log(`\n≈ ${Math.round(1000 / full).toLocaleString('en-GB')} fingerprints of 1,500 chars per second per core`);
}

function main(): void {
  console.log(`# eval-dedup  (LSH ${DEFAULT_LSH_BANDS}×${DEFAULT_LSH_ROWS}, nearThreshold ${DEFAULT_DEDUP_OPTIONS.nearThreshold}, relatedThreshold ${DEFAULT_DEDUP_OPTIONS.relatedThreshold})\n`);
  console.log(`${LABELLED_PAIRS.length} labelled pairs from ${BASE_COMPLAINTS.length} base complaints\n`);
  printCategoryTable(evaluate(LABELLED_PAIRS, DEFAULT_DEDUP_OPTIONS.nearThreshold));
  console.log(`\n## threshold sweep (precision over all pairs; recall per near-duplicate edit)\n`);
  printSweep();
  console.log(`\n## index noise\n`);
  printCorpusNoise();
  console.log(`\n## timings (node ${process.version})\n`);
  printTimings();
}

main();
