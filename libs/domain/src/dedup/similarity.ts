import { wordOverlap, type WordOverlap } from './content-words';
import { estimateJaccard, jaccard, type MinHashSignature } from './minhash';
import { EMPTY_CONTENT_HASH } from './normalise';
import type { ShingleSet } from './shingles';
import { splitStoredSet } from './stored-set';

/**
 * The two similarity signals of a pair and the rule that combines them. Word 3-shingle
 * Jaccard is strict about order and wording, so it alone separates different complaints even
 * inside shared boilerplate; but on a 60-word text four changed words cost it ~0.25. The
 * content-word signal is robust to that and to moved sentences, but is a bag of words: two
 * cases in one ward share "ward", "nurse", "discharge". So the word signal only decides with
 * the shingles still agreeing well above what different cases reach (see NEAR_RULE).
 */

/** The fields of a record that similarity reads (a DedupRecord has them all). */
export interface SimilarityInput {
  exactHash: string;
  /** The stored set (stored-set.ts): word shingles and, from dedup-v2, content words. */
  shingles?: ShingleSet;
  signature?: MinHashSignature;
}

export interface PairSignals {
  /** Word 3-shingle Jaccard (the MinHash estimate when a side has no stored set). */
  shingles: number;
  /** Content-word overlap; undefined when either side predates dedup-v2. */
  words?: WordOverlap;
}

/**
 * Thresholds of the near-duplicate rule, chosen on the project's own labelled pairs
 * (`npm run eval:dedup`): different complaints reach at most shingle J 0.37, word J 0.43 and
 * containment 0.64 there; light edits of short texts fall to shingle J 0.54 but keep word
 * J ≥ 0.58 and containment ≥ 0.88.
 */
export const NEAR_RULE = {
  /** Word-shingle Jaccard that alone makes a near duplicate (also the worker's default). */
  nearThreshold: 0.7,
  /** Content-word Jaccard that makes a near duplicate when the shingles pass the floor. */
  wordThreshold: 0.6,
  /** Containment that, with word Jaccard ≥ containmentWordFloor, covers a sentence added or removed. */
  containmentThreshold: 0.9,
  containmentWordFloor: 0.5,
  /** Shingle Jaccard the word signal needs beside it: bags of words alone never merge. */
  shingleFloor: 0.3,
} as const;

export type NearRule = { -readonly [K in keyof typeof NEAR_RULE]: number };

function hasNoContent(record: SimilarityInput): boolean {
  return record.exactHash === EMPTY_CONTENT_HASH;
}

/**
 * Both signals of a pair, or undefined when neither side has anything to compare. Exact
 * Jaccard when both sides have stored sets; otherwise the MinHash estimate (std. error ≈ 0.035
 * at J = 0.8 with 128 slots) and no word signal.
 */
export function pairSignals(a: SimilarityInput, b: SimilarityInput): PairSignals | undefined {
  if (hasNoContent(a) || hasNoContent(b)) return { shingles: 0 };
  if (a.shingles && b.shingles) {
    const x = splitStoredSet(a.shingles);
    const y = splitStoredSet(b.shingles);
    const shingles = jaccard(x.shingles, y.shingles);
    return x.words && y.words ? { shingles, words: wordOverlap(x.words, y.words) } : { shingles };
  }
  if (a.signature && b.signature && a.signature.length === b.signature.length) {
    return { shingles: estimateJaccard(a.signature, b.signature) };
  }
  return undefined;
}

/** Word 3-shingle Jaccard of two records (what cross-body links use); skips the word merge. */
export function similarityOf(a: SimilarityInput, b: SimilarityInput): number | undefined {
  if (hasNoContent(a) || hasNoContent(b)) return 0;
  if (a.shingles && b.shingles) return jaccard(splitStoredSet(a.shingles).shingles, splitStoredSet(b.shingles).shingles);
  return pairSignals(a, b)?.shingles;
}

function wordsAgree(words: WordOverlap, rule: NearRule): boolean {
  if (words.jaccard >= rule.wordThreshold) return true;
  return words.containment >= rule.containmentThreshold && words.jaccard >= rule.containmentWordFloor;
}

/**
 * The similarity to record when the pair is a near duplicate, else undefined. Either the
 * shingles alone pass `nearThreshold`, or the content words agree and the shingles pass the
 * floor; the recorded value is then the larger of the two Jaccards.
 */
export function nearDuplicateScore(signals: PairSignals, rule: NearRule): number | undefined {
  if (signals.shingles >= rule.nearThreshold) return signals.shingles;
  const words = signals.words;
  if (!words || signals.shingles < rule.shingleFloor || !wordsAgree(words, rule)) return undefined;
  return Math.max(signals.shingles, words.jaccard);
}
