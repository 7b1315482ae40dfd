import { dedupFingerprint, pairSignals } from '@app/domain/dedup';
import type { ErrorDetail } from '../common/api-error';

/**
 * Below this similarity a person must say why they merge. On the project's labelled pairs
 * different complaints reach at most shingle Jaccard 0.37 and content-word Jaccard 0.43, while
 * edited copies keep at least 0.54 / 0.58 (docs/dedup-routing.md): a merge under 0.5 is more
 * likely to hide a separate complaint from the counts than to remove a copy.
 */
export const MANUAL_MERGE_FLOOR = 0.5;

/** The larger of the two dedup signals of the texts, or null when either text is gone (erased). */
export function mergeSimilarity(a: string | null, b: string | null): number | null {
  if (a === null || b === null) return null;
  const signals = pairSignals(dedupFingerprint(a), dedupFingerprint(b));
  if (!signals) return null;
  return round(Math.max(signals.shingles, signals.words?.jaccard ?? 0));
}

/** A detail for the 400 answer when a merge is neither similar enough nor explained. */
export function unjustifiedMerge(similarity: number | null, reason: string | undefined): ErrorDetail | undefined {
  if (reason !== undefined || (similarity !== null && similarity >= MANUAL_MERGE_FLOOR)) return undefined;
  const measured = similarity === null ? 'cannot be measured' : `is ${similarity}`;
  return { field: 'reason', message: `the two complaints' similarity ${measured}, below ${MANUAL_MERGE_FLOOR}: give a reason (recorded in the audit trail)` };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
