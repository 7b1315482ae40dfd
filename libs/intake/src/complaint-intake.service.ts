import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobQueues } from '@app/contracts';
import { contentFingerprint } from '@app/domain';
import { complainantHash } from '@app/domain/dedup';
import { ComplaintRepository, ComplaintToStore, StoredVersion } from '@app/persistence';
import { RecordValidation, validateComplaintRecord, ValidRecord } from './complaint-validation';
import type { FieldError } from './intake-errors';
import { INTAKE_OBSERVER, type IntakeObserver } from './intake-observer';
import { SubmissionCoalescer } from './submission-coalescer';

/** A submitted item: raw JSON to validate, or an item already known to be broken (a bad CSV row). */
export type IntakeItem = { index: number; raw: unknown } | { index: number; details: FieldError[] };

export interface IntakeResult {
  accepted: Array<{ index: number; id: string; status: string; reference: string }>;
  rejected: Array<{ index: number; details: FieldError[] }>;
}

export type SingleResult = { ok: true; id: string; status: string } | { ok: false; details: FieldError[] };

interface Candidate {
  index: number;
  store: ComplaintToStore;
}

/**
 * The references an upload sent in parts (a large file stored in chunks) has already taken,
 * so a reference repeated in a later part is treated exactly as within one submission: the
 * same content is the same record, different content is refused.
 */
export class SubmissionMemory {
  readonly taken = new Map<string, { index: number; contentHash: string; id: string; status: string }>();
}

/**
 * The one intake behind both doors (ingest's JSON API and the web app's CSV upload): it only
 * validates, persists and enqueues. A record is accepted once it is committed
 * to PostgreSQL; queueing follows, and if Redis is away the re-drive queues it later.
 * Single-record submissions are coalesced across requests (and organisations) into one
 * statement and one queue add; batches and CSV uploads are one statement each already.
 */
@Injectable()
export class ComplaintIntakeService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ComplaintIntakeService.name);
  private readonly singles: SubmissionCoalescer;

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly queues: JobQueues,
    @Inject(INTAKE_OBSERVER) private readonly observer: IntakeObserver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.singles = new SubmissionCoalescer({
      write: (rows) => this.complaints.upsertForOrganisations(rows),
      enqueue: (changed) => this.enqueue(changed),
      flushed: (rows) => this.observer.singleFlush(rows),
    });
  }

  /** Answers each single submission once its row is committed (and its job queued, or deferred). */
  async submitOne(organisationId: string, raw: unknown): Promise<SingleResult> {
    const validation = safelyValidate(raw);
    if (!validation.ok) {
      this.record('single', 0, [{ index: 0, details: validation.details }]);
      return { ok: false, details: validation.details };
    }
    const stored = await this.singles.submit(organisationId, this.toStore(organisationId, validation.value));
    this.record('single', 1, []);
    return { ok: true, id: stored.id, status: stored.status };
  }

  /** Lets submissions already waiting or writing finish before the database is closed. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.singles.drain();
  }

  /**
   * Validates every item, stores the valid ones in one statement and queues those that changed.
   * One bad item never rejects the others. `memory` carries references across the parts of one
   * upload sent in several calls.
   */
  async submit(organisationId: string, items: IntakeItem[], endpoint: string, memory?: SubmissionMemory): Promise<IntakeResult> {
    const rejected: IntakeResult['rejected'] = [];
    const candidates: Candidate[] = [];
    for (const item of items) {
      const validation = 'details' in item ? ({ ok: false, details: item.details } as const) : safelyValidate(item.raw);
      if (validation.ok) candidates.push({ index: item.index, store: this.toStore(organisationId, validation.value) });
      else rejected.push({ index: item.index, details: validation.details });
    }
    const { unique, repeats } = splitRepeatedReferences(candidates, rejected, memory);
    const stored = await this.complaints.upsertMany(organisationId, unique.map((c) => c.store));
    await this.enqueue(stored.filter((s) => s.changed));

    const byReference = new Map<string, { id: string; status: string }>(stored.map((s) => [s.reference, s]));
    for (const candidate of unique) {
      const version = byReference.get(candidate.store.reference) as StoredVersion;
      memory?.taken.set(candidate.store.reference, { index: candidate.index, contentHash: candidate.store.contentHash, id: version.id, status: version.status });
    }
    const accepted = [...unique, ...repeats].map((c) => {
      const version = byReference.get(c.store.reference) ?? (memory?.taken.get(c.store.reference) as { id: string; status: string });
      return { index: c.index, id: version.id, status: version.status, reference: c.store.reference };
    });
    accepted.sort((a, b) => a.index - b.index);
    rejected.sort((a, b) => a.index - b.index);
    this.record(endpoint, accepted.length, rejected);
    return { accepted, rejected };
  }

  /** The identifier is hashed here and never stored raw (`local:` ids within this organisation). */
  private toStore(organisationId: string, valid: ValidRecord): ComplaintToStore {
    const hashedComplainant =
      valid.complainantId === undefined ? undefined : complainantHash(this.config.complainantHashSecret, valid.complainantId, organisationId);
    return {
      ...valid.record,
      complainantHash: hashedComplainant,
      contentHash: contentFingerprint(valid.record, hashedComplainant),
    };
  }

  private async enqueue(changed: StoredVersion[]): Promise<void> {
    if (changed.length === 0) return;
    const jobs = changed.map((s) => ({ complaintId: s.id, version: s.version }));
    try {
      await withTimeout(this.queues.addComplaints(jobs), this.config.enqueueTimeoutMs);
    } catch (error) {
      this.observer.enqueueDeferred(changed.length);
      this.logger.warn({ count: changed.length, reason: (error as Error).message }, 'queueing deferred to the re-drive');
    }
  }

  private record(endpoint: string, acceptedCount: number, rejected: IntakeResult['rejected']): void {
    this.observer.accepted(endpoint, acceptedCount);
    for (const item of rejected) this.observer.rejected(item.details[0]?.field);
  }
}

/**
 * A reference twice in one submission: the same content is one record (both indexes get its
 * id); different content is ambiguous, so the later item is rejected rather than guessed at.
 */
function splitRepeatedReferences(
  candidates: Candidate[],
  rejected: IntakeResult['rejected'],
  memory: SubmissionMemory | undefined,
): { unique: Candidate[]; repeats: Candidate[] } {
  const first = new Map<string, Candidate>();
  const repeats: Candidate[] = [];
  for (const candidate of candidates) {
    const earlier = memory?.taken.get(candidate.store.reference) ?? first.get(candidate.store.reference);
    if (!earlier) first.set(candidate.store.reference, candidate);
    else if (contentHashOf(earlier) === candidate.store.contentHash) repeats.push(candidate);
    else
      rejected.push({
        index: candidate.index,
        details: [{ field: 'reference', message: `repeats the reference of item ${earlier.index} with different content` }],
      });
  }
  return { unique: [...first.values()], repeats };
}

function contentHashOf(earlier: Candidate | { contentHash: string }): string {
  return 'store' in earlier ? earlier.store.contentHash : earlier.contentHash;
}

/** One hostile item must never sink its batch: a validator that throws rejects that item only. */
function safelyValidate(raw: unknown): RecordValidation {
  try {
    return validateComplaintRecord(raw);
  } catch {
    return { ok: false, details: [{ field: '(record)', message: 'the record could not be read' }] };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
