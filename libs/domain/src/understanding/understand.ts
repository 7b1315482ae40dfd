import type { Classification } from '../model/complaint';
import type { Outcome, Remedy } from '../model/taxonomy';
import type { Classifier } from './classification/runtime/classifier';
import { createDefaultClassifier } from './classification/training/train-classifier';
import { redact, type PiiKind } from './redaction/redact';
import { writeLearningSummary } from './summary/learning-summary';

export interface UnderstandInput {
  /** Raw text as the body submitted it. */
  readonly summary: string;
  readonly learning?: string;
  readonly serviceArea: string;
  readonly outcome: Outcome;
  readonly remedies: readonly Remedy[];
}

export interface Understanding {
  readonly redactedSummary: string;
  /** Absent when the record had no learning text. */
  readonly redactedLearning?: string;
  readonly classification: Classification;
  readonly learningSummary: string;
  /** Counts per kind over summary and learning together. */
  readonly piiFound: Partial<Record<PiiKind, number>>;
}

/**
 * Redact first, then classify and summarise the redacted text only: nothing downstream of
 * this function ever sees the raw identifiers.
 */
export function understand(record: UnderstandInput, classifier: Classifier = createDefaultClassifier()): Understanding {
  const summary = redact(record.summary);
  const learning = record.learning === undefined ? undefined : redact(record.learning);
  const classification = classifier.classify({
    summary: summary.text,
    learning: learning?.text,
    serviceArea: record.serviceArea,
    outcome: record.outcome,
    remedies: record.remedies,
  });
  const learningSummary = writeLearningSummary({
    summary: summary.text,
    learning: learning?.text,
    outcome: record.outcome,
    serviceArea: record.serviceArea,
    remedies: record.remedies,
    classification,
  });
  return {
    redactedSummary: summary.text,
    ...(learning === undefined ? {} : { redactedLearning: learning.text }),
    classification,
    learningSummary,
    piiFound: mergeCounts(summary.found, learning?.found ?? {}),
  };
}

function mergeCounts(a: Partial<Record<PiiKind, number>>, b: Partial<Record<PiiKind, number>>): Partial<Record<PiiKind, number>> {
  const merged: Partial<Record<PiiKind, number>> = { ...a };
  for (const [kind, count] of Object.entries(b) as [PiiKind, number][]) merged[kind] = (merged[kind] ?? 0) + count;
  return merged;
}
