/**
 * Keeps a recurring background task to a share of the time: after a run that took d ms, the
 * next is due only once d × (1 / share − 1) ms have passed. The learning rollup recomputes every
 * day that changed, and under a heavy intake (a whole day re-counted every few seconds) it would
 * otherwise take PostgreSQL time from the complaints themselves; freshness of a few more seconds
 * is the better trade.
 */
export class DutyCyclePacer {
  private nextDueAt = 0;

  constructor(private readonly share: number) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`share must be in (0, 1], got ${share}`);
  }

  isDue(nowMs: number): boolean {
    return nowMs >= this.nextDueAt;
  }

  /** Records a run that started and finished at the given times (ms). */
  ran(startedAtMs: number, finishedAtMs: number): void {
    const took = Math.max(0, finishedAtMs - startedAtMs);
    this.nextDueAt = finishedAtMs + took * (1 / this.share - 1);
  }
}
