import { dedupFingerprint, type BatchSubject, type DedupFingerprint } from '@app/domain/dedup';
import { redact, understand, type Classifier, type Understanding } from '@app/domain/understanding';
import type { ProcessingClaim, UnderstandingRow } from '@app/persistence';

/** The CPU-only part of processing one complaint: no I/O, so a batch can do it in one go. */
export interface AnalysedComplaint {
  claim: ProcessingClaim;
  understanding: Understanding;
  fingerprint: DedupFingerprint;
  subject: BatchSubject;
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

export function understandingRow({ claim, understanding, fingerprint }: AnalysedComplaint): UnderstandingRow {
  return {
    id: claim.id,
    version: claim.version,
    serviceArea: claim.serviceArea,
    redactedSummary: understanding.redactedSummary,
    redactedLearning: understanding.redactedLearning ?? null,
    classification: understanding.classification,
    learningSummary: understanding.learningSummary,
    exactHash: fingerprint.exactHash,
    shingles: fingerprint.shingles,
    bands: fingerprint.bands,
    storedBands: claim.storedBands,
  };
}
