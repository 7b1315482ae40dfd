import { dedupFingerprint, type BatchSubject, type DedupFingerprint } from '@app/domain/dedup';
import { THEME_IDS, type ThemeId } from '@app/domain';
import { labelUncertainty, rareThemesOf } from '@app/domain/review';
import { prepareRedaction, redact, understand, type Classifier, type Understanding } from '@app/domain/understanding';
import { loadCorpusDir } from '@app/domain/understanding/classification/training/corpus';
import type { ProcessingClaim, UnderstandingRow } from '@app/persistence';

/** The CPU-only part of processing one complaint: no I/O, so a batch can do it in one go. */
export interface AnalysedComplaint {
  claim: ProcessingClaim;
  understanding: Understanding;
  fingerprint: DedupFingerprint;
  subject: BatchSubject;
}

/**
 * The analysis step as the pipeline sees it: a provider, so a deployment or a test can put
 * another in its place through dependency injection (the fault suite plants a record that
 * always fails this way) without a test branch in the pipeline.
 */
export abstract class ComplaintAnalyser {
  abstract analyse(claim: ProcessingClaim, classifier: Classifier): AnalysedComplaint;

  /** Loads whatever analysis would otherwise load inside the first batch. */
  prepare(): void {
    // Nothing by default.
  }
}

/** The domain's analysis: redaction, classification, summary and the dedup fingerprint. */
export class DomainComplaintAnalyser extends ComplaintAnalyser {
  analyse(claim: ProcessingClaim, classifier: Classifier): AnalysedComplaint {
    return analyseComplaint(claim, classifier);
  }

  override prepare(): void {
    prepareRedaction();
    rareTrainingThemes();
  }
}

export function analyseComplaint(raw: ProcessingClaim, classifier: Classifier): AnalysedComplaint {
  // A service area can hold a name ("Care package for Edith Blackwood"): redacted before it is
  // summarised, routed, stored (understandingRow) or emailed, like the free text.
  const claim = { ...raw, serviceArea: redact(raw.serviceArea).text };
  const understanding = understand(claim, classifier);
  // Dedup compares what went wrong (the summary): two bodies' learning texts differ by nature.
  const fingerprint = dedupFingerprint(understanding.redactedSummary);
  return {
    claim,
    understanding,
    fingerprint,
    subject: {
      id: claim.id,
      organisationId: claim.organisationId,
      reference: claim.reference,
      receivedAt: claim.receivedAt,
      exactHash: fingerprint.exactHash,
      shingles: fingerprint.shingles,
      bands: fingerprint.bands,
      complainantHash: claim.complainantHash,
    },
  };
}

let rareThemes: ReadonlySet<ThemeId> | undefined;

/** Themes with few training examples: a complaint given one is worth a reviewer's look. */
function rareTrainingThemes(): ReadonlySet<ThemeId> {
  // Read once and let go: only the labels are needed, not 2 MB of text held for the process's life.
  rareThemes ??= rareThemesOf(loadCorpusDir(), THEME_IDS);
  return rareThemes;
}

export function understandingRow({ claim, understanding, fingerprint }: AnalysedComplaint): UnderstandingRow {
  // The per-theme figures are kept only as the uncertainty score they give.
  const { signals, ...classification } = understanding.classification;
  return {
    id: claim.id,
    version: claim.version,
    serviceArea: claim.serviceArea,
    redactedSummary: understanding.redactedSummary,
    redactedLearning: understanding.redactedLearning ?? null,
    classification,
    uncertainty: signals ? labelUncertainty(signals, rareTrainingThemes()) : null,
    learningSummary: understanding.learningSummary,
    exactHash: fingerprint.exactHash,
    shingles: fingerprint.shingles,
    bands: fingerprint.bands,
    storedBands: claim.storedBands,
  };
}
