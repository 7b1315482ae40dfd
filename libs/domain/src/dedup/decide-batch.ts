import { isWordBand, MIN_SHARED_WORD_BANDS } from './lsh';
import { decideDuplicate, type DedupCandidate, type DedupDecision, type DedupOptions, type DedupRecord } from './decide-duplicate';

/** A record of the batch being processed, with the keys that find its candidates. */
export interface BatchSubject extends DedupRecord {
  bands: readonly string[];
}

/** A stored complaint returned by the candidate look-up, with the band keys it matched on. */
export interface StoredCandidate extends DedupCandidate {
  bands: readonly string[];
}

/**
 * Decides a whole batch in order. Each subject is compared with the stored candidates that
 * share a shingle band (or MIN_SHARED_WORD_BANDS content-word bands), an exact hash or a
 * complainant hash with it, and with the subjects decided
 * before it in the same batch — so two near-identical records arriving together still end
 * as one original and one duplicate.
 */
export function decideBatch(
  subjects: readonly BatchSubject[],
  stored: readonly StoredCandidate[],
  options: DedupOptions = {},
): Map<string, DedupDecision> {
  const index = new CandidateIndex();
  for (const candidate of stored) index.add(candidate);
  const decisions = new Map<string, DedupDecision>();
  for (const subject of subjects) {
    const candidates = index.candidatesFor(subject).filter((candidate) => candidate.id !== subject.id);
    const decision = decideDuplicate(subject, candidates, options);
    decisions.set(subject.id, decision);
    index.add({
      ...subject,
      status: decision.kind === 'duplicate' ? 'duplicate' : 'original',
      duplicateOf: decision.kind === 'duplicate' ? decision.of : null,
    });
  }
  return decisions;
}

class CandidateIndex {
  private readonly byKey = new Map<string, Map<string, DedupCandidate>>();

  add(candidate: DedupCandidate & { bands: readonly string[] }): void {
    for (const key of keysOf(candidate)) {
      let bucket = this.byKey.get(key);
      if (!bucket) this.byKey.set(key, (bucket = new Map()));
      bucket.set(candidate.id, candidate);
    }
  }

  /** Candidates sharing an exact, complainant or shingle-band key, or enough word bands. */
  candidatesFor(subject: BatchSubject): DedupCandidate[] {
    const strong = new Map<string, DedupCandidate>();
    const wordOnly = new Map<string, { candidate: DedupCandidate; shared: number }>();
    for (const key of keysOf(subject)) {
      const isWord = key.startsWith('w:');
      for (const [id, candidate] of this.byKey.get(key) ?? []) {
        if (!isWord) strong.set(id, candidate);
        else {
          const seen = wordOnly.get(id);
          wordOnly.set(id, { candidate, shared: (seen?.shared ?? 0) + 1 });
        }
      }
    }
    for (const [id, { candidate, shared }] of wordOnly) {
      if (shared >= MIN_SHARED_WORD_BANDS) strong.set(id, candidate);
    }
    return [...strong.values()];
  }
}

function keysOf(record: DedupRecord & { bands: readonly string[] }): string[] {
  const keys = record.bands.map((band) => (isWordBand(band) ? `w:${band}` : `b:${band}`));
  keys.push(`x:${record.organisationId}:${record.exactHash}`);
  if (record.complainantHash) keys.push(`p:${record.complainantHash}`);
  return keys;
}
