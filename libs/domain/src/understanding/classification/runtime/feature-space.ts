import type { Token } from '../../text/tokenise';
import type { SparseVector } from './logistic-regression';

/**
 * Features for the statistical model: unigram and bigram stems over content words.
 *
 * A word governed by a negation yields both its stem and a negated-stem feature: the plain
 * stem keeps the topic ("no care package" is still about care packages) while the negated
 * one lets the model learn that "no delay" is not a complaint about delay.
 *
 * Keys are integers (stem ids from the training vocabulary; a bigram is a·S + b), not
 * strings: building and hashing ~500 bigram strings per record was most of classify()'s
 * cost. Only stems seen in training can carry a feature, so unknown words are skipped early.
 */
export interface Vectorised {
  readonly vector: SparseVector;
  /** For active feature n: [start, end) of its first occurrence, at 2n and 2n+1. */
  readonly spans: Int32Array;
}

/** The words the model sees: what the tokeniser calls content, minus negation cues. */
export interface FeatureSource {
  readonly tokens: readonly Token[];
  readonly content: readonly Token[];
}

type Emit = (key: number, start: number, end: number) => void;

const MIN_DOCUMENT_FREQUENCY = 2;
const GENERATION_LIMIT = 2 ** 30;

/**
 * Calls `emit` for every feature occurrence. `stemId` returns -1 for stems outside the
 * vocabulary; features involving them are not emitted.
 */
function forEachFeature(source: FeatureSource, stemId: (stem: string) => number, stems: number, emit: Emit): void {
  const { tokens, content } = source;
  let previous = -1;
  for (let i = 0; i < content.length; i += 1) {
    const token = content[i];
    if (token.stem === 'not') {
      previous = -1;
      continue;
    }
    const id = stemId(token.stem);
    if (id >= 0) {
      emit(id, token.start, token.end);
      // Quote from the cue: "not told" is the evidence, not "told".
      if (token.negatedBy >= 0) emit(stems + id, tokens[token.negatedBy].start, token.end);
      if (previous >= 0 && !token.clauseStart) emit(2 * stems + previous * stems + id, content[i - 1].start, token.end);
    }
    previous = id;
  }
}

export interface FeatureSpaceParts {
  readonly stems: readonly string[];
  readonly keys: readonly number[];
  readonly idf: Float64Array;
}

/**
 * Vocabulary and IDF learnt from the training texts. Vectors are binary presence × IDF,
 * L2-normalised, so a terse log line and a long letter land on the same scale.
 */
export class FeatureSpace {
  /** Per-feature "last seen in vectorisation number N": de-duplicates without a Set per call. */
  private readonly seenIn: Int32Array;
  private generation = 0;

  /** Unigram and negated-unigram features by stem id (-1: none): arrays, not Map lookups. */
  private readonly unigram: Int32Array;
  private readonly negated: Int32Array;

  private constructor(
    private readonly stemIds: ReadonlyMap<string, number>,
    private readonly featureOf: ReadonlyMap<number, number>,
    private readonly idf: Float64Array,
  ) {
    this.seenIn = new Int32Array(idf.length);
    const stems = stemIds.size;
    this.unigram = new Int32Array(stems).fill(-1);
    this.negated = new Int32Array(stems).fill(-1);
    for (const [key, feature] of featureOf) {
      if (key < stems) this.unigram[key] = feature;
      else if (key < 2 * stems) this.negated[key - stems] = feature;
    }
  }

  get size(): number {
    return this.idf.length;
  }

  /** Everything needed to rebuild this space: stems in id order, feature keys in feature order, IDF. */
  toParts(): FeatureSpaceParts {
    return { stems: [...this.stemIds.keys()], keys: [...this.featureOf.keys()], idf: this.idf };
  }

  static fromParts(parts: FeatureSpaceParts): FeatureSpace {
    return new FeatureSpace(new Map(parts.stems.map((stem, i) => [stem, i])), new Map(parts.keys.map((key, i) => [key, i])), parts.idf);
  }

  static fit(sources: readonly FeatureSource[]): FeatureSpace {
    // Stem ids in sorted order, so the model does not depend on the order texts arrive in.
    const stemNames = [...new Set(sources.flatMap((s) => s.content.map((t) => t.stem)))].filter((s) => s !== 'not').sort();
    const stemIds = new Map(stemNames.map((name, i) => [name, i]));
    const lookup = (stem: string): number => stemIds.get(stem) ?? -1;
    const documentFrequency = new Map<number, number>();
    for (const source of sources) {
      const keys = new Set<number>();
      forEachFeature(source, lookup, stemNames.length, (key) => keys.add(key));
      for (const key of keys) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
    }
    // A bigram or negated word seen in one text only is a memorised phrase, not a pattern:
    // dropping it shrinks the model by half and costs nothing on unseen text.
    const stems = stemNames.length;
    const keys = [...documentFrequency.keys()].filter((key) => key < stems || (documentFrequency.get(key) ?? 0) >= MIN_DOCUMENT_FREQUENCY).sort((a, b) => a - b);
    const featureOf = new Map(keys.map((key, i) => [key, i]));
    const idf = Float64Array.from(keys, (key) => Math.log((sources.length + 1) / ((documentFrequency.get(key) ?? 0) + 1)) + 1);
    return new FeatureSpace(stemIds, featureOf, idf);
  }

  vectorise(source: FeatureSource): Vectorised {
    // Restart the stamps before they overflow Int32 (after ~2^30 calls in a long-lived worker).
    if (this.generation >= GENERATION_LIMIT) {
      this.seenIn.fill(0);
      this.generation = 0;
    }
    this.generation += 1;
    const generation = this.generation;
    const ids: number[] = [];
    const spans: number[] = [];
    const stems = this.stemIds.size;
    forEachFeature(source, (stem) => this.stemIds.get(stem) ?? -1, stems, (key, start, end) => {
      const feature = key < stems ? this.unigram[key] : key < 2 * stems ? this.negated[key - stems] : (this.featureOf.get(key) ?? -1);
      if (feature < 0 || this.seenIn[feature] === generation) return;
      this.seenIn[feature] = generation;
      ids.push(feature);
      spans.push(start, end);
    });
    const values = new Float64Array(ids.length);
    let norm = 0;
    for (let n = 0; n < ids.length; n += 1) {
      values[n] = this.idf[ids[n]];
      norm += values[n] * values[n];
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let n = 0; n < values.length; n += 1) values[n] *= scale;
    return { vector: { indices: Int32Array.from(ids), values }, spans: Int32Array.from(spans) };
  }
}
