/**
 * How much wording the benchmark's generated complaints share (run: `npx tsx scripts/bench-text-overlap.ts
 * [realistic|templated] [records]`). For each record in order: how many earlier records share an LSH band
 * with it (what the worker's dedup look-up must read), the Jaccard of those pairs, and the mean Jaccard
 * of random pairs. Real distinct complaints share almost no word trigrams (docs/dedup-routing.md §1.3).
 */
import { ComplaintGenerator } from '../bench/lib/complaint-generator';
import { dedupFingerprint } from '../libs/domain/src/dedup/fingerprint';
import { jaccard } from '../libs/domain/src/dedup/minhash';

const variety = (process.argv[2] ?? 'realistic') as 'realistic' | 'templated';
if (variety !== 'realistic' && variety !== 'templated') throw new Error(`variety must be realistic or templated, got ${variety}`);
const count = Number(process.argv[3] ?? 4000);

const records = new ComplaintGenerator({ seed: 20261125, variety }).records(count, 20).flat();
const prints = records.map((record) => dedupFingerprint(record.summary));
const holders = new Map<string, number[]>();
let candidates = 0;
let nearPairs = 0;
const similarities: number[] = [];
prints.forEach((print, i) => {
  const hits = new Set<number>();
  for (const band of print.bands) for (const j of holders.get(band) ?? []) hits.add(j);
  candidates += hits.size;
  for (const j of hits) {
    const similarity = jaccard(print.shingles, prints[j].shingles);
    similarities.push(similarity);
    if (similarity >= 0.7) nearPairs += 1;
  }
  for (const band of print.bands) holders.set(band, [...(holders.get(band) ?? []), i]);
});
similarities.sort((a, b) => a - b);
let random = 0;
for (let k = 0; k < 2000; k += 1) random += jaccard(prints[(k * 7919) % count].shingles, prints[(k * 104729 + 13) % count].shingles);

console.log(`text variety ${variety}, ${count} records`);
console.log(`band candidates per record (against all earlier records): ${(candidates / count).toFixed(2)}`);
console.log(`candidate pairs at Jaccard ≥ 0.7 (near duplicates): ${nearPairs}`);
console.log(`Jaccard of candidate pairs: median ${similarities[similarities.length >> 1]?.toFixed(3) ?? 'n/a'}`);
console.log(`mean Jaccard of 2,000 random pairs: ${(random / 2000).toFixed(3)}`);
