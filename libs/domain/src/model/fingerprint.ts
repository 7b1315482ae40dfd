import { createHash } from 'node:crypto';
import type { ComplaintRecord } from './complaint';

/**
 * The content fingerprint decides whether a resubmitted reference is "the same record"
 * (same id, no reprocessing) or a new version. Keys are written in a fixed order so the
 * hash never depends on the order a client sent its fields in.
 */
export function contentFingerprint(record: ComplaintRecord, complainantHash?: string): string {
  const canonical = [
    record.reference,
    record.receivedAt.toISOString(),
    record.closedAt?.toISOString() ?? '',
    record.serviceArea,
    record.channel ?? '',
    record.stage,
    record.summary,
    record.outcome,
    record.learning ?? '',
    complainantHash ?? '',
    [...record.remedies].sort().join(','),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
