/**
 * Coalesces single-item calls (one per BullMQ job) into batches, so the worker pays one
 * database round trip per batch instead of one per record. A batch is flushed when it is
 * full or when its oldest item has waited `maxWaitMs`. Each item settles on its own: one
 * bad record fails only its own job.
 */
export class MicroBatcher<I, O> {
  private pending: Array<{ item: I; resolve: (value: O) => void; reject: (error: Error) => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flushBatch: (items: I[]) => Promise<Array<O | Error>>,
    private readonly options: { maxSize: number; maxWaitMs: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.flushBatch(batch.map((entry) => entry.item)).then(
      (results) => batch.forEach((entry, i) => settle(entry, results[i])),
      (error: unknown) => batch.forEach((entry) => entry.reject(error instanceof Error ? error : new Error(String(error)))),
    );
  }
}

function settle<O>(entry: { resolve: (value: O) => void; reject: (error: Error) => void }, result: O | Error | undefined): void {
  if (result instanceof Error) entry.reject(result);
  else if (result === undefined) entry.reject(new Error('batch returned no result for this item'));
  else entry.resolve(result);
}
