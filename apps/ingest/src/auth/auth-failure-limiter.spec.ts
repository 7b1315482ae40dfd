import Redis from 'ioredis';
import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter without Redis', () => {
  // Nothing listens on port 1: the client never becomes ready.
  const redis = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  const limiter = new AuthFailureLimiter(redis, 2);
  afterAll(() => limiter.stop());

  it('counts per address in this process: the failures beyond the limit are refused', async () => {
    expect(await limiter.recordFailure('10.0.0.1')).toBe(false);
    expect(await limiter.isBlocked('10.0.0.1')).toBe(false);
    expect(await limiter.recordFailure('10.0.0.1')).toBe(false);
    expect(await limiter.isBlocked('10.0.0.1')).toBe(true);
    expect(await limiter.recordFailure('10.0.0.1')).toBe(true);
    expect(await limiter.isBlocked('10.0.0.2')).toBe(false);
  });
});
