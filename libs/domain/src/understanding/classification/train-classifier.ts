import { SEVERITIES, THEME_IDS } from '../../model/taxonomy';
import { Classifier, joinText } from './classifier';
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
  const thresholds = tuneThresholds(oof, lexicon, themeLabels, combiners);
  const severitySamples = vectors.map((x, i) => ({ x, y: oneHot(SEVERITIES, [examples[i].severity]) }));
  const severityModel = trainLogisticRegression(severitySamples, space.size, SEVERITIES.length, SEVERITY_TRAINING);
  return new Classifier({ space, themeModel, combiners, thresholds, severityModel });
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
 * Per-theme decision thresholds, chosen on the out-of-fold probabilities of the TRAINING
 * examples only (the combiner applied to logits from models that never saw the example):
 * the threshold that maximises the theme's F1, averaged with the one that maximises
 * micro-F1 over all themes, because ~40 positives per theme make a per-theme optimum noisy.
 */
function tuneThresholds(oof: readonly Float64Array[], lexicon: readonly LexiconScores[], labels: readonly Uint8Array[], combiners: readonly CombinerWeights[]): Float64Array {
  const probability = oof.map((z, i) =>
    Float64Array.from(THEME_IDS, (_, t) => {
      const l = lexicon[i];
      return combine(combiners[t], z[t], l.topic[t], l.problem[t], l.denied[t], l.rival[t]);
    }),
  );
  const counts = (t: number, threshold: number) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    probability.forEach((p, i) => {
      const predicted = p[t] >= threshold;
      const actual = labels[i][t] === 1;
      if (predicted && actual) tp += 1;
      else if (predicted) fp += 1;
      else if (actual) fn += 1;
    });
    return { tp, fp, fn };
  };
  const f1 = (c: { tp: number; fp: number; fn: number }) => (c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));
  let global = 0.5;
  let bestMicro = -1;
  for (const threshold of THRESHOLD_GRID) {
    const total = { tp: 0, fp: 0, fn: 0 };
    THEME_IDS.forEach((_, t) => {
      const c = counts(t, threshold);
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
    });
    if (f1(total) > bestMicro) {
      bestMicro = f1(total);
      global = threshold;
    }
  }
  return Float64Array.from(THEME_IDS, (_, t) => {
    let own = global;
    let bestF1 = -1;
    for (const threshold of THRESHOLD_GRID) {
      const value = f1(counts(t, threshold));
      if (value > bestF1 + 1e-9) {
        bestF1 = value;
        own = threshold;
      }
    }
    return (own + global) / 2;
  });
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
