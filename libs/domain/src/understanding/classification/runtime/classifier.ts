import type { Classification, ThemeAssignment } from '../../../model/complaint';
import { SEVERITIES, THEME_IDS, type Outcome, type Remedy, type Severity, type ThemeId } from '../../../model/taxonomy';
import type { FeatureSpace, Vectorised } from './feature-space';
import type { LexiconHit } from './lexicon-matcher';
import { logits, sigmoid, type LinearModel } from './logistic-regression';
import { themeSuggestions, type ThemeSignal } from '../../../review/uncertainty';
import { HARM_CAUSED_FEATURE, predictSeverityIndex, SEVERITY_FEATURES, severityFeatures, type SeverityStacker } from './severity-features';
import { selectThemes, type ThemeThresholds } from './theme-thresholds';
import { combine, type CombinerWeights } from './theme-combiner';
import { analyseText, lexiconScores, type AnalysedText, type LexiconScores } from './text-analysis';

/** Bump on any change to the lexicon, corpus, features or scoring: stored classifications name it. */
export const CLASSIFIER_VERSION = 'clf-1.5.0';

export interface ClassifierInput {
  /** Already redacted. */
  readonly summary: string;
  readonly learning?: string;
  readonly serviceArea?: string;
  /** Accepted for API symmetry; themes describe what went wrong, not how the case ended. */
  readonly outcome?: Outcome;
  readonly remedies?: readonly Remedy[];
}

/** Per-theme probabilities before thresholding, indexed like THEME_IDS. */
export type ThemeProbabilities = Float64Array;

/** What training produces; the classifier only reads it. */
export interface TrainedParts {
  readonly space: FeatureSpace;
  readonly themeModel: LinearModel;
  readonly combiners: readonly CombinerWeights[];
  /** Per-theme thresholds, calibrated on out-of-fold training predictions. */
  readonly thresholds: ThemeThresholds;
  readonly severityModel: LinearModel;
  /** Combines the n-gram severity logits with the rubric's harm, vulnerability, duration and money signals. */
  readonly severityStacker: SeverityStacker;
}

export { FALLBACK_THRESHOLD, MAX_THEMES } from './theme-thresholds';
const MAX_EVIDENCE = 5;
/** A model feature is quoted as evidence only if it moved the log-odds at least this much. */
const MIN_EVIDENCE_CONTRIBUTION = 0.3;
const MAX_MODEL_EVIDENCE = 2;

/** Everything computed once per classify() call and shared by scoring and evidence. */
interface Analysis {
  readonly main: AnalysedText;
  /** Offset in main.text where the learning text starts. */
  readonly secondaryFrom: number;
  /** Start offsets of words under a negation: never quoted as evidence. */
  readonly negatedStarts: ReadonlySet<number>;
  readonly area: AnalysedText;
  readonly vectorised: Vectorised;
  readonly lexicon: LexiconScores;
  readonly modelLogits: Float64Array;
  readonly probability: ThemeProbabilities;
}

/**
 * Multi-label theme classifier with evidence and severity: a curated lexicon and a
 * one-vs-rest logistic regression over unigram+bigram stems, stacked per theme.
 * Immutable after construction, so one instance can serve any number of callers.
 */
export class Classifier {
  static readonly VERSION = CLASSIFIER_VERSION;

  /** `version` names a retrained model (see docs/classifier.md §6); the built-in one is CLASSIFIER_VERSION. */
  constructor(
    readonly parts: TrainedParts,
    readonly version: string = CLASSIFIER_VERSION,
  ) {}

  classify(input: ClassifierInput): Classification {
    const analysis = this.analyse(input);
    const themes = this.selectThemes(analysis);
    const severity = this.predictSeverity(input.summary, analysis);
    // What a reviewer needs and the review queue orders by; read off what was computed
    // anyway, so the themes assigned are exactly those without it.
    const signals = this.themeSignals(analysis, themes);
    const suggestions = themeSuggestions(signals, new Set(themes.map((t) => t.id)));
    return { themes, severity, confidence: overallConfidence(analysis.probability, themes), version: this.version, suggestions, signals };
  }

  /** Per theme: probability, its threshold, whether chosen, the n-gram model's view and the lexicon's. */
  private themeSignals(analysis: Analysis, themes: readonly ThemeAssignment[]): ThemeSignal[] {
    const chosen = new Set(themes.map((t) => t.id));
    return THEME_IDS.map((id, t) => ({
      id,
      probability: analysis.probability[t],
      threshold: this.parts.thresholds.perTheme[t],
      chosen: chosen.has(id),
      modelProbability: sigmoid(analysis.modelLogits[t]),
      lexiconSupport: analysis.lexicon.support[t] > 0,
    }));
  }

  /** Theme probabilities before thresholding (for evaluation and threshold tuning). */
  scoreThemes(input: ClassifierInput): ThemeProbabilities {
    return this.analyse(input).probability;
  }

  private analyse(input: ClassifierInput): Analysis {
    const joined = joinText(input);
    const main = analyseText(joined.text);
    const area = analyseText(input.serviceArea ?? '');
    const vectorised = this.parts.space.vectorise(main);
    const modelLogits = logits(this.parts.themeModel, vectorised.vector, new Float64Array(THEME_IDS.length));
    const lexicon = lexiconScores(main.hits, joined.secondaryFrom, area.hits);
    const probability = new Float64Array(THEME_IDS.length);
    for (let t = 0; t < THEME_IDS.length; t += 1) {
      probability[t] = combine(this.parts.combiners[t], modelLogits[t], lexicon.topic[t], lexicon.problem[t], lexicon.denied[t], lexicon.rival[t]);
    }
    const negatedStarts = new Set<number>();
    for (const token of main.tokens) if (token.negatedBy >= 0) negatedStarts.add(token.start);
    return { main, secondaryFrom: joined.secondaryFrom, negatedStarts, area, vectorised, lexicon, modelLogits, probability };
  }

  private selectThemes(analysis: Analysis): ThemeAssignment[] {
    const { probability } = analysis;
    const chosen = selectThemes(this.parts.thresholds, probability);
    return chosen
      .map((t) => ({ id: THEME_IDS[t], confidence: round3(probability[t]), evidence: this.evidenceFor(t, THEME_IDS[t], analysis) }))
      .filter((theme) => theme.evidence.length > 0);
  }

  /** Lexicon phrases first (strongest first), then the words the model leaned on most. */
  private evidenceFor(t: number, theme: ThemeId, analysis: Analysis): string[] {
    const quotes = [...quoteHits(analysis.main, theme), ...quoteHits(analysis.area, theme)];
    const { spans } = analysis.vectorised;
    const negatedStarts = analysis.negatedStarts;
    for (const n of this.topModelFeatures(t, analysis.vectorised)) {
      const start = spans[2 * n];
      // Quoted from the complaint only ("Staff training" in the learning text is not evidence
      // of a staff-attitude complaint), and never a denied word ("rude" in "not rude").
      if (start < analysis.secondaryFrom && !negatedStarts.has(start)) quotes.push(analysis.main.text.slice(start, spans[2 * n + 1]));
    }
    return dedupeQuotes(quotes);
  }

  /** Positions (in the vector) of this text's features that pushed theme `t` up the most. */
  private topModelFeatures(t: number, vectorised: Vectorised): number[] {
    const model = this.parts.themeModel;
    const contributions: { n: number; value: number }[] = [];
    const { indices, values } = vectorised.vector;
    for (let n = 0; n < indices.length; n += 1) {
      const value = values[n] * model.weights[indices[n] * model.outputs + t];
      if (value > MIN_EVIDENCE_CONTRIBUTION) contributions.push({ n, value });
    }
    return contributions
      .sort((a, b) => b.value - a.value)
      .slice(0, MAX_MODEL_EVIDENCE)
      .map((c) => c.n);
  }

  /** Severity is judged on the complaint itself: the learning text says what changed, not what happened. */
  private predictSeverity(summary: string, analysis: Analysis): Severity {
    const z = logits(this.parts.severityModel, analysis.vectorised.vector, new Float64Array(SEVERITIES.length));
    const safeguarding = analysis.probability[THEME_IDS.indexOf('safeguarding')];
    const x = severityFeatures(summary, z, safeguarding, new Float64Array(SEVERITY_FEATURES));
    // A floor, not a verdict: a death or lasting harm stated as caused by a failure is never
    // reported below high, so a short note about it still reaches the immediate alerts.
    const floor = x[HARM_CAUSED_FEATURE] === 1 ? SEVERITIES.indexOf('high') : 0;
    return SEVERITIES[Math.max(floor, predictSeverityIndex(this.parts.severityStacker, x))];
  }
}

function quoteHits(analysed: AnalysedText, theme: ThemeId): string[] {
  return analysed.hits
    .filter((h: LexiconHit) => h.theme === theme && !h.negated)
    .sort((a, b) => b.weight - a.weight || a.start - b.start)
    .map((h) => analysed.text.slice(h.start, h.end));
}

/** Summary and learning are classified together; the learning part counts for less. */
export function joinText(input: ClassifierInput): { text: string; secondaryFrom: number } {
  const learning = input.learning?.trim() ?? '';
  if (learning === '') return { text: input.summary, secondaryFrom: input.summary.length };
  // A newline is a clause break, so no phrase or bigram spans summary and learning.
  return { text: `${input.summary}\n${learning}`, secondaryFrom: input.summary.length + 1 };
}

/** High when the chosen themes are clearly in and the rest clearly out. */
function overallConfidence(probability: ThemeProbabilities, themes: readonly ThemeAssignment[]): number {
  const chosen = new Set(themes.map((t) => t.id));
  let maxRejected = 0;
  THEME_IDS.forEach((id, t) => {
    if (!chosen.has(id)) maxRejected = Math.max(maxRejected, probability[t]);
  });
  if (themes.length === 0) return round3(1 - maxRejected);
  const meanChosen = themes.reduce((sum, t) => sum + t.confidence, 0) / themes.length;
  return round3(meanChosen * (1 - maxRejected / 2));
}

/**
 * Drops repeats and quotes contained in a longer quote already kept, and stops at
 * MAX_EVIDENCE: a text with thousands of matching phrases must not cost a comparison of
 * every quote with every other.
 */
function dedupeQuotes(quotes: readonly string[]): string[] {
  const kept: string[] = [];
  const lowered: string[] = [];
  for (const quote of quotes) {
    if (kept.length === MAX_EVIDENCE) break;
    const key = quote.toLowerCase();
    if (lowered.some((k) => k.includes(key))) continue;
    kept.push(quote);
    lowered.push(key);
  }
  return kept;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
