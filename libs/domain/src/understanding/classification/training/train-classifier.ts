import { SEVERITIES, THEME_IDS } from '../../../model/taxonomy';
import { Classifier, joinText } from '../runtime/classifier';
import { trainingCorpus, type CorpusExample } from './corpus';
import { calibrateThresholds } from './calibrate-thresholds';
import { cachedClassifier } from './model-cache';
import { FeatureSpace } from '../runtime/feature-space';
import { logits, trainLogisticRegression, type LinearModel, type SparseVector, type TrainingSample, type TrainOptions } from '../runtime/logistic-regression';
import { combine, fitCombiner, type CombinerSample, type CombinerWeights } from '../runtime/theme-combiner';
import { analyseText, lexiconScores, type LexiconScores } from '../runtime/text-analysis';
import { SEVERITY_FEATURES, severityFeatures } from '../runtime/severity-features';
import { fitSeverityStacker } from './fit-severity';

const THEME_TRAINING = { epochs: 25, learningRate: 2, l2: 1e-4, positiveWeight: 1.5, seed: 20240611 } as const;
const SEVERITY_TRAINING = { epochs: 25, learningRate: 2, l2: 1e-4, positiveWeight: 1.5, seed: 7 } as const;
/** Folds for the out-of-fold logits the combiner learns from. */
const FOLDS = 5;
/** Missing a theme costs more than an extra one: a reviewer can discard, not discover. */
const COMBINER_POSITIVE_WEIGHT = 2;
/** How strongly each theme's combiner is held to the shared one. */
const PER_THEME_RIDGE = 8;
/** Examples at least this long are like real records (the short corpus lines are 40–200 chars). */
const CALIBRATION_MIN_LENGTH = 150;
const MIN_CALIBRATION_EXAMPLES = 200;

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
  const lexicon = analysed.map((a, i) => lexiconScores(a.hits, a.text.length, analyseText(examples[i].serviceArea ?? '').hits));

  const { oof, models } = outOfFoldLogits(vectors, themeLabels, space.size, THEME_TRAINING);
  const themeModel = averageModels(models);
  const combiners = fitCombiners(oof, lexicon, themeLabels);
  const oofProbability = oof.map((z, i) =>
    Float64Array.from(THEME_IDS, (_, t) => {
      const l = lexicon[i];
      return combine(combiners[t], z[t], l.topic[t], l.problem[t], l.denied[t], l.rival[t]);
    }),
  );
  // Thresholds are calibrated on examples of real complaint length only: the short
  // one-line examples teach vocabulary, but real records are longer and raise more themes.
  const calibration = examples.map((e, i) => i).filter((i) => examples[i].text.length >= CALIBRATION_MIN_LENGTH);
  const calibrated = calibration.length >= MIN_CALIBRATION_EXAMPLES ? calibration : examples.map((_, i) => i);
  const thresholds = calibrateThresholds(
    calibrated.map((i) => oofProbability[i]),
    calibrated.map((i) => themeLabels[i]),
  );
  // Severity is learnt from examples of record length only: the short lines were labelled
  // before the rubric in docs/labelling.md, and a one-line text says little of what happened.
  const severityLabels = calibrated.map((i) => oneHot(SEVERITIES, [examples[i].severity]));
  const severity = outOfFoldLogits(calibrated.map((i) => vectors[i]), severityLabels, space.size, SEVERITY_TRAINING);
  const safeguarding = THEME_IDS.indexOf('safeguarding');
  const severityRows = calibrated.map((i, k) =>
    severityFeatures(examples[i].text, severity.oof[k], oofProbability[i][safeguarding], new Float64Array(SEVERITY_FEATURES)),
  );
  const severityStacker = fitSeverityStacker(
    severityRows,
    calibrated.map((i) => SEVERITIES.indexOf(examples[i].severity)),
  );
  const severityModel = averageModels(severity.models);
  return new Classifier({ space, themeModel, combiners, thresholds, severityModel, severityStacker });
}

/** Each example's logits from a model that never saw it (fold = index mod FOLDS), and the fold models. */
function outOfFoldLogits(vectors: readonly SparseVector[], labels: readonly Uint8Array[], dimensions: number, options: TrainOptions): { oof: Float64Array[]; models: LinearModel[] } {
  const outputs = labels[0].length;
  const oof: Float64Array[] = vectors.map(() => new Float64Array(outputs));
  const models: LinearModel[] = [];
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const samples: TrainingSample[] = [];
    vectors.forEach((x, i) => {
      if (i % FOLDS !== fold) samples.push({ x, y: labels[i] });
    });
    const model = trainLogisticRegression(samples, dimensions, outputs, options);
    models.push(model);
    vectors.forEach((x, i) => {
      if (i % FOLDS === fold) logits(model, x, oof[i]);
    });
  }
  return { oof, models };
}

/**
 * The production n-gram model is the average of the fold models (logits are linear in the
 * weights, so this is the mean of their logits at no extra cost per call). The combiner and
 * the thresholds were fitted on logits from models that saw 4/5 of the data; a model trained on
 * all of it is more confident than those, so its logits would not match what they learnt.
 */
function averageModels(models: readonly LinearModel[]): LinearModel {
  const first = models[0];
  const weights = new Float64Array(first.weights.length);
  const bias = new Float64Array(first.bias.length);
  for (const m of models) {
    for (let k = 0; k < weights.length; k += 1) weights[k] += m.weights[k] / models.length;
    for (let k = 0; k < bias.length; k += 1) bias[k] += m.bias[k] / models.length;
  }
  return { outputs: first.outputs, dimensions: first.dimensions, weights, bias };
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

function oneHot<T extends string>(all: readonly T[], present: readonly T[]): Uint8Array {
  const y = new Uint8Array(all.length);
  for (const value of present) y[all.indexOf(value)] = 1;
  return y;
}

let defaultClassifier: Classifier | null = null;

/**
 * The classifier trained on the full corpus: once per process, on first use, and loaded from
 * the model cache when nothing that shapes it has changed since it was trained.
 */
export function createDefaultClassifier(): Classifier {
  defaultClassifier ??= cachedClassifier(() => trainClassifier(trainingCorpus()));
  return defaultClassifier;
}
