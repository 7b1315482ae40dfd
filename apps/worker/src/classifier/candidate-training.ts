import { join } from 'node:path';
import { type Evaluation, type GateDecision, type SetFigures } from '@app/domain/model-registry';
import { CLASSIFIER_VERSION, createDefaultClassifier, type Classifier } from '@app/domain/understanding';
import { fromArtefact, toArtefact, type ClassifierArtefact } from '@app/domain/understanding/classification/runtime/classifier-artefact';
import { loadCorpusFile, trainingCorpus, type CorpusExample } from '@app/domain/understanding/classification/training/corpus';
import { parametersHash, retrain, type ReviewedExample, type TrainingCounts } from '@app/domain/understanding/classification/training/retrain-candidate';
import type { Severity, ThemeId } from '@app/domain';
import type { ClassifierModelRepository, ClassifierModelRow, ClassifierTrainingRepository } from '@app/persistence';

export const INDEPENDENT_SET = join(__dirname, '..', '..', '..', '..', 'eval', 'independent-themes.jsonl');

export interface TrainingSources {
  /** The base corpus; the shipped one by default. Tests pass a small one. */
  readonly corpus?: readonly CorpusExample[];
  /** The independent evaluation set; `eval/independent-themes.jsonl` by default. */
  readonly independent?: readonly CorpusExample[];
  /** The built-in model, when it is the active one; the shipped one by default. */
  readonly builtIn?: () => Classifier;
}

export interface TrainingOutcome {
  readonly version: string;
  readonly activeVersion: string;
  readonly artefactHash: string;
  readonly counts: TrainingCounts;
  readonly candidate: Evaluation;
  readonly active: Evaluation;
  readonly decision: GateDecision;
  /** The registry row after the run: active if promoted, otherwise a candidate. */
  readonly row: ClassifierModelRow;
}

/**
 * `npm run train`: builds a candidate from the corpus and the reviews, judges it against the
 * active model on the three sets, stores it with its figures, and activates it (audited, as
 * the system) only if the promotion gate passes; otherwise it stays a candidate with the reason.
 */
export async function trainAndRegister(models: ClassifierModelRepository, training: ClassifierTrainingRepository, sources: TrainingSources = {}): Promise<TrainingOutcome> {
  const activeRow = await models.active();
  if (!activeRow) throw new Error('no classifier model is active yet: start a worker once to register the built-in one');
  if (activeRow.codeVersion !== CLASSIFIER_VERSION) throw new Error(`the active model ${activeRow.version} was made by other code than ${CLASSIFIER_VERSION}`);
  const active = activeRow.builtIn ? (sources.builtIn ?? createDefaultClassifier)() : await loadModel(models, activeRow.version);
  const recorded = (await models.get(activeRow.version))?.evaluation as Partial<Evaluation> | null;
  const inputs = {
    corpus: sources.corpus ?? trainingCorpus(),
    independent: sources.independent ?? loadCorpusFile(INDEPENDENT_SET),
    reviews: (await training.reviewedComplaints()).map(toReviewedExample),
  };
  const result = retrain(inputs, active, recorded?.heldOut as SetFigures | undefined);
  if (activeRow.builtIn && recorded?.heldOut === undefined) await models.recordEvaluation(activeRow.version, { heldOut: result.active.heldOut });
  const version = result.candidate.classifier.version;
  const activeHash = activeRow.builtIn ? parametersHash(toArtefact(active)) : (await models.get(activeRow.version))?.artefactSha256;
  if (activeHash === result.candidate.artefactHash) {
    // Nothing new to learn from (no reviews, or the same ones): the candidate is the active model under another name.
    const decision = { promote: false, failures: [], reason: `identical to the active model ${activeRow.version}: nothing stored` };
    return { version, activeVersion: activeRow.version, artefactHash: result.candidate.artefactHash, counts: result.candidate.counts, candidate: result.candidate.evaluation, active: result.active, decision, row: (await models.get(activeRow.version)) as ClassifierModelRow };
  }
  let row = await models.saveCandidate({
    version,
    codeVersion: CLASSIFIER_VERSION,
    reason: result.decision.promote ? `passed the gate against ${activeRow.version}` : `not promoted over ${activeRow.version}: ${result.decision.reason}`,
    training: { ...result.candidate.counts, artefactSha256: result.candidate.artefactHash, comparedWith: activeRow.version },
    evaluation: result.candidate.evaluation as unknown as Record<string, unknown>,
    activeEvaluation: result.active as unknown as Record<string, unknown>,
    artefactSha256: result.candidate.artefactHash,
    artefactJson: JSON.stringify(result.candidate.artefact),
  });
  if (result.decision.promote && row.status === 'candidate') {
    const change = await models.activate(version, CLASSIFIER_VERSION, { kind: 'system' }, `passed the gate against ${activeRow.version}`);
    if (change.ok) row = change.row;
  }
  return { version, activeVersion: activeRow.version, artefactHash: result.candidate.artefactHash, counts: result.candidate.counts, candidate: result.candidate.evaluation, active: result.active, decision: result.decision, row };
}

async function loadModel(models: ClassifierModelRepository, version: string): Promise<Classifier> {
  const json = await models.loadArtefact(version);
  if (json === undefined) throw new Error(`classifier ${version} has no artefact`);
  return fromArtefact(JSON.parse(json) as ClassifierArtefact);
}

function toReviewedExample(row: { complaintId: string; summary: string; learning: string | null; serviceArea: string; themes: string[]; severity: string }): ReviewedExample {
  return {
    complaintId: row.complaintId,
    summary: row.summary,
    ...(row.learning ? { learning: row.learning } : {}),
    ...(row.serviceArea ? { serviceArea: row.serviceArea } : {}),
    themes: row.themes as ThemeId[],
    severity: row.severity as Severity,
  };
}
