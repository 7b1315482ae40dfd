import { SEVERITIES, THEME_IDS } from '../../model/taxonomy';
import { Classifier, joinText } from './classifier';
import { TRAINING_CORPUS, type CorpusExample } from './corpus';
import { FeatureSpace } from './feature-space';
import { logits, trainLogisticRegression, type SparseVector, type TrainingSample } from './logistic-regression';
import { fitCombiner, type CombinerSample, type CombinerWeights } from './theme-combiner';
import { analyseText, lexiconScores, type LexiconScores } from './text-analysis';

const THEME_TRAINING = { epochs: 25, learningRate: 2, l2: 1e-4, positiveWeight: 3, seed: 20240611 } as const;
const SEVERITY_TRAINING = { epochs: 25, learningRate: 2, l2: 1e-4, positiveWeight: 1.5, seed: 7 } as const;
/** Folds for the out-of-fold logits the combiner learns from. */
const FOLDS = 5;
/** Missing a theme costs more than an extra one: a reviewer can discard, not discover. */
const COMBINER_POSITIVE_WEIGHT = 2;

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
  const combiners = fitCombiners(outOfFoldLogits(vectors, themeLabels, space.size), lexicon, themeLabels);
  const severitySamples = vectors.map((x, i) => ({ x, y: oneHot(SEVERITIES, [examples[i].severity]) }));
  const severityModel = trainLogisticRegression(severitySamples, space.size, SEVERITIES.length, SEVERITY_TRAINING);
  return new Classifier({ space, themeModel, combiners, severityModel });
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
 * One combiner for all themes, fitted on every (example, theme) pair: ~17,000 samples
 * give stable weights where a per-theme fit on ~40 positives does not.
 */
function fitCombiners(oof: readonly Float64Array[], lexicon: readonly LexiconScores[], labels: readonly Uint8Array[]): CombinerWeights[] {
  const samples: CombinerSample[] = [];
  THEME_IDS.forEach((_, t) => {
    oof.forEach((z, i) => {
      samples.push({ modelLogit: z[t], support: lexicon[i].support[t], denied: lexicon[i].denied[t], label: labels[i][t] === 1 ? 1 : 0 });
    });
  });
  const shared = fitCombiner(samples, COMBINER_POSITIVE_WEIGHT);
  return THEME_IDS.map(() => shared);
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
