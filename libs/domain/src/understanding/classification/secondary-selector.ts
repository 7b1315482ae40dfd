import { THEME_IDS } from '../../model/taxonomy';
import { solveLinearSystem } from './linear-solve';
import { sigmoid } from './logistic-regression';

/**
 * Which secondary themes to report next to the top one (since `clf-1.4.0`).
 *
 * Cross-validation on the training part showed the top theme is right ~87% of the time and
 * most errors are secondary themes: extra ones the gold does not have, or missing ones. A
 * fixed threshold per theme cannot see that "delay" next to "diagnosis" is usually a mention
 * of a late diagnosis, while "delay" next to "benefits-tax" is usually a complaint in its own
 * right. So the candidates at rank 2 and 3 are judged by a small logistic model over:
 *
 * - the candidate's and the top theme's log-odds and their difference, and its rank;
 * - the candidate's lexicon support (problem, topic, denied) and the top theme's problem support;
 * - how many themes are above 0.5, and the text length (log of content words);
 * - how often the candidate is labelled together with the top theme in the training labels,
 *   relative to how often it is labelled at all (smoothed log ratio).
 *
 * Fitted on the out-of-fold probabilities of the training examples only, with its
 * threshold chosen there (micro-F1 of the whole rule).
 */
export interface SecondarySelector {
  readonly weights: Float64Array;
  /** Per-feature mean and spread used to standardise (the bias feature is not standardised). */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** log P(b | a) − log P(b), row-major [a * themes + b]. */
  readonly cooccurrence: Float64Array;
  readonly threshold: number;
}

/** What the selector needs to know about one text. */
export interface SelectionInput {
  readonly probability: Float64Array;
  readonly topic: Float64Array;
  readonly problem: Float64Array;
  readonly denied: Float64Array;
  /** Number of content words. */
  readonly words: number;
}

/** Candidates: ranks 2 and 3 (so at most three themes). */
export const SECONDARY_CANDIDATES = 2;
/** The top theme is reported only if at least this likely: a text about nothing gets no theme. */
export const FALLBACK_THRESHOLD = 0.3;
const FEATURES = 13;
const COOCCURRENCE_SMOOTHING = 5;
const RIDGE = 10;
const NEWTON_STEPS = 40;
const THRESHOLD_GRID: readonly number[] = Array.from({ length: 31 }, (_, k) => 0.2 + 0.02 * k);

function logOdds(p: number): number {
  const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
  return Math.log(q / (1 - q));
}

/** Themes in descending order of probability (ties by index: deterministic). */
export function rankThemes(probability: Float64Array): number[] {
  return Array.from(probability, (_, t) => t).sort((a, b) => probability[b] - probability[a] || a - b);
}

function rawFeatures(input: SelectionInput, top: number, candidate: number, rank: number, cooccurrence: Float64Array, out: Float64Array): void {
  const p = input.probability;
  const themes = p.length;
  let strong = 0;
  for (let t = 0; t < themes; t += 1) if (p[t] > 0.5) strong += 1;
  const zb = logOdds(p[candidate]);
  const za = logOdds(p[top]);
  out[0] = 1;
  out[1] = zb;
  out[2] = za;
  out[3] = zb - za;
  out[4] = rank === 2 ? 1 : 0;
  out[5] = input.problem[candidate];
  out[6] = input.topic[candidate];
  out[7] = input.denied[candidate];
  out[8] = input.problem[top];
  out[9] = strong;
  out[10] = Math.log(input.words + 1);
  out[11] = cooccurrence[top * themes + candidate];
  out[12] = input.problem[candidate] > 0 ? 1 : 0;
}

function score(selector: SecondarySelector, x: Float64Array): number {
  let z = selector.weights[0];
  for (let f = 1; f < FEATURES; f += 1) z += selector.weights[f] * ((x[f] - selector.mean[f]) / selector.scale[f]);
  return sigmoid(z);
}

/** Indices of the themes to report, top first. */
export function selectThemes(selector: SecondarySelector, input: SelectionInput): number[] {
  const ranked = rankThemes(input.probability);
  const top = ranked[0];
  if (input.probability[top] < FALLBACK_THRESHOLD) return [];
  const chosen = [top];
  const x = new Float64Array(FEATURES);
  for (let r = 1; r <= SECONDARY_CANDIDATES && r < ranked.length; r += 1) {
    rawFeatures(input, top, ranked[r], r + 1, selector.cooccurrence, x);
    if (score(selector, x) >= selector.threshold) chosen.push(ranked[r]);
  }
  return chosen;
}

/** log P(b labelled | a labelled) − log P(b labelled), smoothed towards 0 for rare pairs. */
function cooccurrenceMatrix(labels: readonly Uint8Array[]): Float64Array {
  const themes = THEME_IDS.length;
  const count = new Float64Array(themes);
  const pair = new Float64Array(themes * themes);
  for (const y of labels) {
    for (let a = 0; a < themes; a += 1) {
      if (y[a] !== 1) continue;
      count[a] += 1;
      for (let b = 0; b < themes; b += 1) if (y[b] === 1) pair[a * themes + b] += 1;
    }
  }
  const matrix = new Float64Array(themes * themes);
  for (let a = 0; a < themes; a += 1) {
    for (let b = 0; b < themes; b += 1) {
      const prior = Math.max(count[b], 0.5) / labels.length;
      matrix[a * themes + b] = Math.log((pair[a * themes + b] + COOCCURRENCE_SMOOTHING * prior) / (count[a] + COOCCURRENCE_SMOOTHING)) - Math.log(prior);
    }
  }
  return matrix;
}

/**
 * Fits the selector on out-of-fold inputs of the training examples: a ridge logistic
 * regression (Newton, deterministic) on standardised features, then the threshold that
 * maximises the micro-F1 of the whole rule on those same examples.
 */
export function fitSecondarySelector(inputs: readonly SelectionInput[], labels: readonly Uint8Array[]): SecondarySelector {
  const cooccurrence = cooccurrenceMatrix(labels);
  const rows: Float64Array[] = [];
  const targets: number[] = [];
  const owner: number[] = [];
  const candidateOf: number[] = [];
  const tops: number[] = [];
  inputs.forEach((input, i) => {
    const ranked = rankThemes(input.probability);
    tops.push(input.probability[ranked[0]] >= FALLBACK_THRESHOLD ? ranked[0] : -1);
    for (let r = 1; r <= SECONDARY_CANDIDATES; r += 1) {
      const x = new Float64Array(FEATURES);
      rawFeatures(input, ranked[0], ranked[r], r + 1, cooccurrence, x);
      rows.push(x);
      targets.push(labels[i][ranked[r]]);
      owner.push(i);
      candidateOf.push(ranked[r]);
    }
  });
  const mean = new Float64Array(FEATURES);
  const scale = new Float64Array(FEATURES).fill(1);
  for (let f = 1; f < FEATURES; f += 1) {
    let sum = 0;
    for (const x of rows) sum += x[f];
    mean[f] = sum / rows.length;
    let variance = 0;
    for (const x of rows) variance += (x[f] - mean[f]) ** 2;
    scale[f] = Math.sqrt(variance / rows.length) + 1e-9;
  }
  const standardised = rows.map((x) => Float64Array.from(x, (v, f) => (f === 0 ? 1 : (v - mean[f]) / scale[f])));
  const weights = newtonLogistic(standardised, targets);
  const provisional: SecondarySelector = { weights, mean, scale, cooccurrence, threshold: 0.5 };
  const scores = rows.map((x) => score(provisional, x));

  // Counts of the top themes alone, then add each secondary that clears the threshold.
  let topTp = 0;
  let topFp = 0;
  let gold = 0;
  labels.forEach((y, i) => {
    for (const v of y) gold += v;
    if (tops[i] < 0) return;
    if (y[tops[i]] === 1) topTp += 1;
    else topFp += 1;
  });
  let threshold = THRESHOLD_GRID[0];
  let bestF1 = -1;
  for (const candidate of THRESHOLD_GRID) {
    let tp = topTp;
    let fp = topFp;
    scores.forEach((s, k) => {
      if (s < candidate || tops[owner[k]] < 0) return;
      if (labels[owner[k]][candidateOf[k]] === 1) tp += 1;
      else fp += 1;
    });
    const value = (2 * tp) / (tp + fp + gold);
    if (value > bestF1 + 1e-9) {
      bestF1 = value;
      threshold = candidate;
    }
  }
  return { weights, mean, scale, cooccurrence, threshold };
}

function newtonLogistic(rows: readonly Float64Array[], targets: readonly number[]): Float64Array {
  const beta = new Float64Array(FEATURES);
  for (let step = 0; step < NEWTON_STEPS; step += 1) {
    const gradient = new Float64Array(FEATURES);
    const hessian = Array.from({ length: FEATURES }, () => new Float64Array(FEATURES));
    rows.forEach((x, k) => {
      let z = 0;
      for (let f = 0; f < FEATURES; f += 1) z += x[f] * beta[f];
      const p = sigmoid(z);
      const w = p * (1 - p);
      for (let i = 0; i < FEATURES; i += 1) {
        gradient[i] += (p - targets[k]) * x[i];
        for (let j = 0; j < FEATURES; j += 1) hessian[i][j] += w * x[i] * x[j];
      }
    });
    for (let f = 0; f < FEATURES; f += 1) {
      const strength = f === 0 ? 1e-6 : RIDGE;
      gradient[f] += strength * beta[f];
      hessian[f][f] += strength;
    }
    const delta = solveLinearSystem(hessian, gradient);
    let largest = 0;
    for (let f = 0; f < FEATURES; f += 1) {
      beta[f] -= delta[f];
      largest = Math.max(largest, Math.abs(delta[f]));
    }
    if (largest < 1e-9) break;
  }
  return beta;
}

