/**
 * Keeps a recurring background task to a share of the time: after a run that took d ms, the
 * next is due only once d × (1 / share − 1) ms have passed. The learning rollup recomputes every
 * day that changed, and under a heavy intake (a whole day re-counted every few seconds) it would
 * otherwise take PostgreSQL time from the complaints themselves; freshness of a few more seconds
 * is the better trade.
 */
export class DutyCyclePacer {
  private nextDueAt = 0;

  constructor(
    private readonly share: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`share must be in (0, 1], got ${share}`);
  }

  /** Runs `task` if it is due, timing it for the next pause; `undefined` when it was not due. */
  async run<T>(task: (startedAt: number) => Promise<T>): Promise<T | undefined> {
    const startedAt = this.now();
    if (startedAt < this.nextDueAt) return undefined;
    try {
      return await task(startedAt);
    } finally {
      const finishedAt = this.now();
      this.nextDueAt = finishedAt + Math.max(0, finishedAt - startedAt) * (1 / this.share - 1);
    }
  }
}
