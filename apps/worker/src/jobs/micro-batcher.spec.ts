import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('flushes a full batch at once, in one call', async () => {
    const calls: number[][] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => {
      calls.push(items);
      return items.map((n) => n * 2);
    }, { maxSize: 3, maxWaitMs: 10_000, maxInFlight: 1 });
    const results = await Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    expect(results).toEqual([2, 4, 6]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('flushes a partial batch after the wait', async () => {
    const batcher = new MicroBatcher<number, number>(async (items) => items, { maxSize: 100, maxWaitMs: 5, maxInFlight: 1 });
    await expect(batcher.submit(7)).resolves.toBe(7);
  });

  it('fails only the item whose result is an error', async () => {
    const batcher = new MicroBatcher<number, number>(
      async (items) => items.map((n) => (n === 2 ? new Error('poison') : n)),
      { maxSize: 3, maxWaitMs: 5, maxInFlight: 1 },
    );
    const settled = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('rejects every item when the whole batch throws', async () => {
    const batcher = new MicroBatcher<number, number>(async () => {
      throw new Error('database down');
    }, { maxSize: 2, maxWaitMs: 5, maxInFlight: 1 });
    const settled = await Promise.allSettled([1, 2].map((n) => batcher.submit(n)));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
  });

  it('gathers items that arrive while a batch is in flight into the next batch', async () => {
    const calls: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new MicroBatcher<number, number>(async (items) => {
      calls.push(items);
      if (calls.length === 1) await gate;
      return items;
    }, { maxSize: 100, maxWaitMs: 1, maxInFlight: 1 });
    const first = batcher.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const rest = [2, 3, 4].map((n) => batcher.submit(n));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
  });
});
