export interface MicroBatcherOptions {
  /** Largest batch handed to `flushBatch`. */
  maxSize: number;
  /** How long the first item of a batch may wait for company while nothing is in flight. */
  maxWaitMs: number;
  /** Batches being flushed at once; items arriving meanwhile gather into the next batch. */
  maxInFlight: number;
}

interface Entry<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: Error) => void;
}

/**
 * Coalesces single-item calls (one per BullMQ job) into batches, so the worker pays one
 * database round trip per batch instead of one per record. Batches grow with the load: while
 * `maxInFlight` batches are being flushed, new items wait and leave together as soon as one
 * finishes. Each item settles on its own: one bad record fails only its own job.
 */
export class MicroBatcher<I, O> {
  private pending: Array<Entry<I, O>> = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;

  constructor(
    private readonly flushBatch: (items: I[]) => Promise<Array<O | Error>>,
    private readonly options: MicroBatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.flushIfFree();
      else this.timer ??= setTimeout(() => this.onTimer(), this.options.maxWaitMs);
    });
  }

  private onTimer(): void {
    this.timer = undefined;
    this.flushIfFree();
  }

  private flushIfFree(): void {
    if (this.inFlight >= this.options.maxInFlight || this.pending.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0, this.options.maxSize);
    this.inFlight += 1;
    this.flushBatch(batch.map((entry) => entry.item))
      .then(
        (results) => batch.forEach((entry, i) => settle(entry, results[i])),
        (error: unknown) => batch.forEach((entry) => entry.reject(error instanceof Error ? error : new Error(String(error)))),
      )
      .finally(() => {
        this.inFlight -= 1;
        this.flushIfFree();
      });
  }
}

function settle<O>(entry: Entry<unknown, O>, result: O | Error | undefined): void {
  if (result instanceof Error) entry.reject(result);
  else if (result === undefined) entry.reject(new Error('batch returned no result for this item'));
  else entry.resolve(result);
}
