import { createHash } from 'node:crypto';
import type { Severity, ThemeId } from '../../../model/taxonomy';
import { decidePromotion, isReviewHeldOut, scoreCases, type Evaluation, type GateDecision, type SetFigures } from '../../../model-registry';
import { Classifier, CLASSIFIER_VERSION, joinText, type ClassifierInput } from '../runtime/classifier';
import { toArtefact, type ClassifierArtefact } from '../runtime/classifier-artefact';
import { splitCorpus, type CorpusExample } from './corpus';
import { trainClassifier } from './train-classifier';

/** A complaint a person reviewed: its redacted text and the labels they gave. */
export interface ReviewedExample {
  readonly complaintId: string;
  readonly summary: string;
  readonly learning?: string;
  readonly serviceArea?: string;
  readonly themes: readonly ThemeId[];
  readonly severity: Severity;
}

/** What a candidate is built and judged from. Every list is taken as given: order is part of the input. */
export interface RetrainingInputs {
  readonly corpus: readonly CorpusExample[];
  readonly reviews: readonly ReviewedExample[];
  readonly independent: readonly CorpusExample[];
}

export interface TrainingCounts {
  readonly corpus: number;
  readonly reviewsTrained: number;
  readonly reviewsHeldOut: number;
  readonly corpusHeldOut: number;
  readonly independent: number;
}

export interface Candidate {
  readonly classifier: Classifier;
  /** The serialised model (with its version); what the registry stores. */
  readonly artefact: ClassifierArtefact;
  /** sha256 of the model's parameters: equal inputs give equal hashes. */
  readonly artefactHash: string;
  readonly counts: TrainingCounts;
  readonly evaluation: Evaluation;
}

/**
 * Trains a candidate on the whole corpus plus the reviews outside the held-out fifth, and
 * judges it on the three sets. The held-out figure comes from a twin trained the same way
 * without the corpus's held-out part (a model cannot be judged on text it learnt), exactly as
 * `npm run eval` does for the built-in model. Deterministic: the version is derived from the
 * parameters, so equal inputs give the same version and artefact.
 */
export function trainCandidate(inputs: RetrainingInputs): Candidate {
  const { trained, heldOut } = splitReviews(inputs.reviews);
  const reviewExamples = trained.map(reviewToExample);
  const unversioned = trainClassifier([...inputs.corpus, ...reviewExamples]);
  const artefactHash = parametersHash(toArtefact(unversioned));
  const classifier = new Classifier(unversioned.parts, candidateVersion(artefactHash));
  const corpusSplit = splitCorpus(inputs.corpus);
  const twin = trainClassifier([...corpusSplit.train, ...reviewExamples]);
  return {
    classifier,
    artefact: toArtefact(classifier),
    artefactHash,
    counts: { corpus: inputs.corpus.length, reviewsTrained: trained.length, reviewsHeldOut: heldOut.length, corpusHeldOut: corpusSplit.test.length, independent: inputs.independent.length },
    evaluation: {
      heldOut: evaluateCorpus(twin, corpusSplit.test),
      independent: evaluateCorpus(classifier, inputs.independent),
      reviews: evaluateReviews(classifier, heldOut),
    },
  };
}

/**
 * The active model on the sets a candidate was judged on. Its held-out figure cannot be
 * recomputed from the model itself (it learnt that text), so it is what was recorded when
 * it was trained, or, for the built-in model, a twin trained on the corpus's training part.
 */
export function evaluateActive(active: Classifier, inputs: RetrainingInputs, recordedHeldOut: SetFigures | undefined): Evaluation {
  const heldOutFigures = recordedHeldOut ?? evaluateCorpus(trainClassifier(splitCorpus(inputs.corpus).train), splitCorpus(inputs.corpus).test);
  return {
    heldOut: heldOutFigures,
    independent: evaluateCorpus(active, inputs.independent),
    reviews: evaluateReviews(active, splitReviews(inputs.reviews).heldOut),
  };
}

/** Trains, judges against the active model and applies the gate. */
export function retrain(inputs: RetrainingInputs, active: Classifier, activeHeldOut: SetFigures | undefined): { candidate: Candidate; active: Evaluation; decision: GateDecision } {
  const candidate = trainCandidate(inputs);
  const activeEvaluation = evaluateActive(active, inputs, activeHeldOut);
  return { candidate, active: activeEvaluation, decision: decidePromotion(activeEvaluation, candidate.evaluation) };
}

/** Reviews sorted by complaint id (training is order-sensitive), split by a hash of the id. */
export function splitReviews(reviews: readonly ReviewedExample[]): { trained: ReviewedExample[]; heldOut: ReviewedExample[] } {
  const sorted = [...reviews].sort((a, b) => (a.complaintId < b.complaintId ? -1 : a.complaintId > b.complaintId ? 1 : 0));
  return { trained: sorted.filter((r) => !isReviewHeldOut(r.complaintId)), heldOut: sorted.filter((r) => isReviewHeldOut(r.complaintId)) };
}

/** `clf-1.5.0+r<12 hex>`: the code that runs it, and which parameters. */
export function candidateVersion(artefactHash: string): string {
  return `${CLASSIFIER_VERSION}+r${artefactHash.slice(0, 12)}`;
}

export function parametersHash(artefact: ClassifierArtefact): string {
  const { modelVersion: _ignored, ...parameters } = artefact;
  return createHash('sha256').update(JSON.stringify(parameters)).digest('hex');
}

function reviewToExample(review: ReviewedExample): CorpusExample {
  // Joined as the corpus joins summary and learning, so a review teaches what a corpus line does.
  return {
    id: `review:${review.complaintId}`,
    text: joinText({ summary: review.summary, learning: review.learning }).text,
    themes: review.themes,
    severity: review.severity,
    ...(review.serviceArea ? { serviceArea: review.serviceArea } : {}),
  };
}

function evaluateCorpus(classifier: Classifier, examples: readonly CorpusExample[]): SetFigures {
  return evaluate(classifier, examples.map((e) => ({ input: { summary: e.text, serviceArea: e.serviceArea }, themes: e.themes, severity: e.severity })));
}

/** Reviewed complaints are classified as the worker classifies them: summary, learning and service area apart. */
function evaluateReviews(classifier: Classifier, reviews: readonly ReviewedExample[]): SetFigures {
  return evaluate(classifier, reviews.map((r) => ({ input: { summary: r.summary, learning: r.learning, serviceArea: r.serviceArea }, themes: r.themes, severity: r.severity })));
}

function evaluate(classifier: Classifier, cases: readonly { input: ClassifierInput; themes: readonly ThemeId[]; severity: Severity }[]): SetFigures {
  return scoreCases(
    cases.map((c) => {
      const result = classifier.classify(c.input);
      return { gold: c.themes, predicted: result.themes.map((t) => t.id), goldSeverity: c.severity, predictedSeverity: result.severity };
    }),
  );
}
