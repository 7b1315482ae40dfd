import { SharedThrottlerStorage } from './shared-throttler-storage';

describe('SharedThrottlerStorage without Redis', () => {
  // Nothing listens on port 1: the client never becomes ready.
  const storage = SharedThrottlerStorage.fromUrl('redis://127.0.0.1:1', 'unit');
  afterAll(() => storage.onModuleDestroy());

  it('counts in this process instead of failing the request', async () => {
    const first = await storage.increment('org:a', 60_000, 2, 60_000, 'per-organisation');
    const second = await storage.increment('org:a', 60_000, 2, 60_000, 'per-organisation');
    const third = await storage.increment('org:a', 60_000, 2, 60_000, 'per-organisation');
    expect([first.totalHits, second.totalHits, third.totalHits]).toEqual([1, 2, 3]);
    expect(third.isBlocked).toBe(true);
  });
});
