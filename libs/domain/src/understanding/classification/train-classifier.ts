import { SEVERITIES, THEME_IDS } from '../../model/taxonomy';
import { Classifier, FALLBACK_THRESHOLD, joinText, type DecisionRule } from './classifier';
import { TRAINING_CORPUS, type CorpusExample } from './corpus';
import { FeatureSpace } from './feature-space';
import { logits, trainLogisticRegression, type SparseVector, type TrainingSample } from './logistic-regression';
import { combine, fitCombiner, type CombinerSample, type CombinerWeights } from './theme-combiner';
import { analyseText, lexiconScores, type LexiconScores } from './text-analysis';

const THEME_TRAINING = { epochs: 25, learningRate: 2, l2: 1e-4, positiveWeight: 3, seed: 20240611 } as const;
const SEVERITY_TRAINING = { epochs: 25, learningRate: 2, l2: 1e-4, positiveWeight: 1.5, seed: 7 } as const;
/** Folds for the out-of-fold logits the combiner learns from. */
const FOLDS = 5;
/** Missing a theme costs more than an extra one: a reviewer can discard, not discover. */
const COMBINER_POSITIVE_WEIGHT = 2;
/** How strongly each theme's combiner is held to the shared one. */
const PER_THEME_RIDGE = 8;
const THRESHOLD_GRID: readonly number[] = Array.from({ length: 13 }, (_, k) => 0.25 + 0.05 * k);
/** How far a theme's own optimum moves its threshold away from the global one. */
const PER_THEME_SHARE = 0.5;
/** Fractions of the top theme's probability a secondary theme must reach (0: no such rule). */
const RATIO_GRID: readonly number[] = [0, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Trains a classifier on the given examples. Deterministic: the same examples in the same
 * order always give the same model. About 1 s for the full corpus.
 */
export function trainClassifier(examples: readonly CorpusExample[]): Classifier {
  if (examples.length < FOLDS) throw new Error(`trainClassifier needs at least ${FOLDS} examples`);
  const analysed = examples.map((e) => analyseText(joinText({ summary: e.text }).text));
  const space = FeatureSpace.fit(analysed);
  const vectors = analysed.map((a) => space.vectorise(a).vector);
  const themeLabels = examples.map((e) => oneHot(THEME_IDS, e.themes));
  const lexicon = analysed.map((a) => lexiconScores(a.hits, a.text.length));

  const themeModel = trainThemes(vectors, themeLabels, space.size, () => true);
  const oof = outOfFoldLogits(vectors, themeLabels, space.size);
  const combiners = fitCombiners(oof, lexicon, themeLabels);
  const oofProbability = oof.map((z, i) =>
    Float64Array.from(THEME_IDS, (_, t) => {
      const l = lexicon[i];
      return combine(combiners[t], z[t], l.topic[t], l.problem[t], l.denied[t], l.rival[t]);
    }),
  );
  const decision = tuneDecision(oofProbability, themeLabels);
  const severitySamples = vectors.map((x, i) => ({ x, y: oneHot(SEVERITIES, [examples[i].severity]) }));
  const severityModel = trainLogisticRegression(severitySamples, space.size, SEVERITIES.length, SEVERITY_TRAINING);
  return new Classifier({ space, themeModel, combiners, decision, severityModel });
}

function trainThemes(vectors: readonly SparseVector[], labels: readonly Uint8Array[], dimensions: number, include: (i: number) => boolean) {
  const samples: TrainingSample[] = [];
  vectors.forEach((x, i) => {
    if (include(i)) samples.push({ x, y: labels[i] });
  });
  return trainLogisticRegression(samples, dimensions, THEME_IDS.length, THEME_TRAINING);
}

/** Each example's theme logits from a model that never saw it (fold = index mod FOLDS). */
function outOfFoldLogits(vectors: readonly SparseVector[], labels: readonly Uint8Array[], dimensions: number): Float64Array[] {
  const result: Float64Array[] = vectors.map(() => new Float64Array(THEME_IDS.length));
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const model = trainThemes(vectors, labels, dimensions, (i) => i % FOLDS !== fold);
    vectors.forEach((x, i) => {
      if (i % FOLDS === fold) logits(model, x, result[i]);
    });
  }
  return result;
}

/**
 * One combiner fitted on every (example, theme) pair first: ~14,000 samples give stable
 * weights. Then one per theme, pulled towards the shared one, so that a theme whose
 * vocabulary is mostly mentions of a service ("school", "care home") can learn to trust
 * the mention less than a theme whose phrases say what went wrong.
 */
function fitCombiners(oof: readonly Float64Array[], lexicon: readonly LexiconScores[], labels: readonly Uint8Array[]): CombinerWeights[] {
  const perTheme = THEME_IDS.map((_, t) => oof.map((z, i) => combinerSample(z[t], lexicon[i], t, labels[i][t] === 1 ? 1 : 0)));
  const shared = fitCombiner(perTheme.flat(), COMBINER_POSITIVE_WEIGHT);
  return perTheme.map((samples) => fitCombiner(samples, COMBINER_POSITIVE_WEIGHT, shared, PER_THEME_RIDGE));
}

function combinerSample(modelLogit: number, lexicon: LexiconScores, t: number, label: 0 | 1): CombinerSample {
  return { modelLogit, topic: lexicon.topic[t], problem: lexicon.problem[t], denied: lexicon.denied[t], rival: lexicon.rival[t], label };
}

/**
 * The decision rule, tuned on the out-of-fold probabilities of the TRAINING examples only
 * (the combiner applied to logits from models that never saw the example):
 *
 * 1. the most likely theme is always reported (if at least FALLBACK_THRESHOLD likely);
 * 2. another theme is added only if it clears its own threshold AND is at least `ratio` times
 *    as likely as the top theme (most complaints have one theme; a secondary must be nearly
 *    as well supported as the main one, not merely above an absolute bar);
 * 3. at most MAX_THEMES.
 *
 * For each candidate ratio, each theme's secondary threshold is the one that maximises that
 * theme's F1 under the rule, averaged with the rule's micro-F1-optimal global threshold
 * (~40 positives per theme make a per-theme optimum noisy); the ratio kept is the one whose
 * thresholds give the best micro-F1 over all themes.
 */
export function tuneDecision(probability: readonly Float64Array[], labels: readonly Uint8Array[]): DecisionRule {
  const themes = THEME_IDS.length;
  const top = probability.map((p) => {
    let best = 0;
    for (let t = 1; t < themes; t += 1) if (p[t] > p[best]) best = t;
    return best;
  });
  /** Whether theme t is chosen for example i under (threshold for t, ratio), ignoring the cap. */
  const chosen = (i: number, t: number, threshold: number, ratio: number): boolean => {
    const p = probability[i];
    const pTop = p[top[i]];
    if (pTop < FALLBACK_THRESHOLD) return false;
    if (t === top[i]) return true;
    return p[t] >= threshold && p[t] >= ratio * pTop;
  };
  const counts = (t: number, threshold: number, ratio: number): Counts => {
    const c = { tp: 0, fp: 0, fn: 0 };
    for (let i = 0; i < probability.length; i += 1) {
      const predicted = chosen(i, t, threshold, ratio);
      const actual = labels[i][t] === 1;
      if (predicted && actual) c.tp += 1;
      else if (predicted) c.fp += 1;
      else if (actual) c.fn += 1;
    }
    return c;
  };
  let best: DecisionRule | null = null;
  let bestMicro = -1;
  for (const ratio of RATIO_GRID) {
    const perTheme = THEME_IDS.map((_, t) => THRESHOLD_GRID.map((threshold) => counts(t, threshold, ratio)));
    let globalIndex = 0;
    let globalF1 = -1;
    THRESHOLD_GRID.forEach((_, k) => {
      const value = f1(sumCounts(perTheme.map((row) => row[k])));
      if (value > globalF1 + 1e-9) {
        globalF1 = value;
        globalIndex = k;
      }
    });
    const thresholds = Float64Array.from(perTheme, (row) => {
      let own = globalIndex;
      let ownF1 = -1;
      row.forEach((c, k) => {
        if (f1(c) > ownF1 + 1e-9) {
          ownF1 = f1(c);
          own = k;
        }
      });
      return PER_THEME_SHARE * THRESHOLD_GRID[own] + (1 - PER_THEME_SHARE) * THRESHOLD_GRID[globalIndex];
    });
    const micro = f1(sumCounts(THEME_IDS.map((_, t) => counts(t, thresholds[t], ratio))));
    if (micro > bestMicro + 1e-9) {
      bestMicro = micro;
      best = { thresholds, ratio };
    }
  }
  if (best === null) throw new Error('tuneDecision: empty grid');
  return best;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function f1(c: Counts): number {
  return c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}

function sumCounts(all: readonly Counts[]): Counts {
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const c of all) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  return total;
}

function oneHot<T extends string>(all: readonly T[], present: readonly T[]): Uint8Array {
  const y = new Uint8Array(all.length);
  for (const value of present) y[all.indexOf(value)] = 1;
  return y;
}

let defaultClassifier: Classifier | null = null;

/** The classifier trained on the full corpus: trained once per process, on first use. */
export function createDefaultClassifier(): Classifier {
  defaultClassifier ??= trainClassifier(TRAINING_CORPUS);
  return defaultClassifier;
}
