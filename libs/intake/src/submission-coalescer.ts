import type { ComplaintToStore, StoredVersion } from '@app/persistence';

/** One single-record submission to persist, for the organisation that sent it. */
export interface CoalescedRow {
  organisationId: string;
  record: ComplaintToStore;
}

export interface CoalescerPorts {
  /** Upserts rows (distinct organisation + reference) in one statement; answers in order. */
  write(rows: CoalescedRow[]): Promise<StoredVersion[]>;
  /** Queues the changed versions; must not throw (a failure is left to the re-drive). */
  enqueue(changed: StoredVersion[]): Promise<void>;
  /** Told the size of every flush (metrics). */
  flushed?(rows: number): void;
}

export interface CoalescerOptions {
  /** How long the first submission of an idle coalescer waits for others to join it. */
  windowMs: number;
  /** Flushes writing to PostgreSQL at once; while all are busy, arrivals gather for the next. */
  maxInFlight: number;
  /** Most rows in one statement. */
  maxRows: number;
}

export const DEFAULT_COALESCER_OPTIONS: CoalescerOptions = { windowMs: 1, maxInFlight: 2, maxRows: 250 };

interface Waiter {
  resolve(version: StoredVersion): void;
  reject(error: unknown): void;
}

interface Pending {
  key: string;
  row: CoalescedRow;
  /** Every submission of this exact content for this reference that arrived while it waited. */
  waiters: Waiter[];
}

type Outcome = { ok: true; version: StoredVersion } | { ok: false; error: unknown };

/**
 * Coalesces concurrent single-record submissions into one multi-row upsert and one queue
 * add, so a burst costs a few round trips instead of one per request. Each submission
 * still gets its own answer, and only once its row is committed.
 *
 * - A reference is never written twice in one statement: the same content submitted again
 *   while waiting shares the first submission's answer (one row, one job, as if it had
 *   arrived second); changed content waits for the next flush, so versions follow arrival.
 * - A reference is never in two flushes at once, so flushes cannot race on one row.
 * - If a multi-row statement fails, each row is written again on its own: one bad row
 *   (or a deadlock with another writer) never fails the others.
 */
export class SubmissionCoalescer {
  private pending: Pending[] = [];
  /** The last waiting entry of each key, to join repeats to it. */
  private readonly lastPending = new Map<string, Pending>();
  /** Keys in flushes whose statement has not finished yet. */
  private readonly writing = new Set<string>();
  private writers = 0;
  private readonly running = new Set<Promise<void>>();
  private scheduled: { cancel(): void } | undefined;

  constructor(
    private readonly ports: CoalescerPorts,
    private readonly options: CoalescerOptions = DEFAULT_COALESCER_OPTIONS,
  ) {}

  submit(organisationId: string, record: ComplaintToStore): Promise<StoredVersion> {
    return new Promise<StoredVersion>((resolve, reject) => {
      // Organisation ids are UUIDs: the first space always ends the organisation.
      const key = `${organisationId} ${record.reference}`;
      const last = this.lastPending.get(key);
      if (last && last.row.record.contentHash === record.contentHash) {
        last.waiters.push({ resolve, reject });
        return;
      }
      const entry: Pending = { key, row: { organisationId, record }, waiters: [{ resolve, reject }] };
      this.pending.push(entry);
      this.lastPending.set(key, entry);
      this.schedule(this.pending.length >= this.options.maxRows);
    });
  }

  /** Writes everything still waiting, at once, and resolves when every flush has finished. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.running.size > 0) {
      this.scheduled?.cancel();
      this.scheduled = undefined;
      this.flush();
      if (this.running.size > 0) await Promise.race(this.running);
    }
  }

  private schedule(now: boolean): void {
    if (this.pending.length === 0 || this.writers >= this.options.maxInFlight) return;
    if (this.scheduled) {
      if (!now) return;
      this.scheduled.cancel();
    }
    const run = () => {
      this.scheduled = undefined;
      this.flush();
    };
    if (now || this.options.windowMs <= 0) {
      // setImmediate still lets requests already read in this turn of the loop join.
      const handle = setImmediate(run);
      this.scheduled = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(run, this.options.windowMs);
      this.scheduled = { cancel: () => clearTimeout(handle) };
    }
  }

  private flush(): void {
    if (this.writers >= this.options.maxInFlight || this.pending.length === 0) return;
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const keys = new Set<string>();
    for (const entry of this.pending) {
      if (batch.length < this.options.maxRows && !this.writing.has(entry.key) && !keys.has(entry.key)) {
        batch.push(entry);
        keys.add(entry.key);
        if (this.lastPending.get(entry.key) === entry) this.lastPending.delete(entry.key);
      } else {
        rest.push(entry);
      }
    }
    this.pending = rest;
    if (batch.length === 0) return;
    this.writers += 1;
    for (const key of keys) this.writing.add(key);
    const done: Promise<void> = this.run(batch, keys)
      .catch(() => undefined)
      .finally(() => this.running.delete(done));
    this.running.add(done);
    // More than one flush's worth waiting and a writer still free: go again at once.
    if (this.pending.length > 0) this.schedule(true);
  }

  private async run(batch: Pending[], keys: Set<string>): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.write(batch);
    } finally {
      this.writers -= 1;
      for (const key of keys) this.writing.delete(key);
      // Whatever gathered while this flush was writing goes next, without a further wait.
      this.schedule(true);
    }
    const changed = outcomes.flatMap((outcome) => (outcome.ok && outcome.version.changed ? [outcome.version] : []));
    if (changed.length > 0) {
      try {
        await this.ports.enqueue(changed);
      } catch {
        // The port handles its own failures; a record already committed is answered regardless.
      }
    }
    batch.forEach((entry, i) => {
      const outcome = outcomes[i];
      for (const waiter of entry.waiters) {
        if (outcome.ok) waiter.resolve(outcome.version);
        else waiter.reject(outcome.error);
      }
    });
  }

  /** Never throws: every entry gets an outcome. */
  private async write(batch: Pending[]): Promise<Outcome[]> {
    try {
      this.ports.flushed?.(batch.length);
    } catch {
      // Metrics never decide an answer.
    }
    try {
      const versions = await this.ports.write(batch.map((entry) => entry.row));
      if (versions.length !== batch.length) throw new Error(`upsert answered ${versions.length} rows for ${batch.length}`);
      return versions.map((version) => ({ ok: true, version }));
    } catch (error) {
      if (batch.length === 1) return [{ ok: false, error }];
    }
    // Nothing of a failed statement was committed: write each row alone, so each gets its own answer.
    return Promise.all(
      batch.map(async (entry): Promise<Outcome> => {
        try {
          const [version] = await this.ports.write([entry.row]);
          if (!version) throw new Error('upsert answered no row');
          return { ok: true, version };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }
}
