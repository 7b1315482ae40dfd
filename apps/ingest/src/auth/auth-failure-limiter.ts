import type Redis from 'ioredis';

const WINDOW_MS = 60_000;

/**
 * Counts failed authentications per client IP in a one-minute window, in Redis so every
 * replica sees the same count (like the request throttler). While Redis is unreachable it
 * counts in this process: a limit per replica is better than none or than failing requests.
 */
export class AuthFailureLimiter {
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
  ) {
    // Outages are expected and handled by counting locally; ioredis keeps reconnecting.
    redis.on('error', () => undefined);
  }

  /** True once the IP has failed `limit` times in the window: refuse without looking the key up. */
  async isBlocked(ip: string): Promise<boolean> {
    return (await this.count(ip)) >= this.limit;
  }

  /** Counts one failure; true when it is beyond the limit (the first `limit` failures are answered 401). */
  async recordFailure(ip: string): Promise<boolean> {
    const key = `authfail:${ip}`;
    if (this.redis.status === 'ready') {
      try {
        // The window starts at the first failure; INCR never extends it.
        const results = await this.redis.multi().set(key, '0', 'PX', WINDOW_MS, 'NX').incr(key).exec();
        return Number(results?.[1]?.[1] ?? 0) > this.limit;
      } catch {
        // fall through to the local count
      }
    }
    return this.localIncrement(key) > this.limit;
  }

  stop(): void {
    this.redis.disconnect(false);
  }

  private async count(ip: string): Promise<number> {
    const key = `authfail:${ip}`;
    if (this.redis.status === 'ready') {
      try {
        return Number((await this.redis.get(key)) ?? 0);
      } catch {
        // fall through to the local count
      }
    }
    const entry = this.local.get(key);
    return entry && entry.resetAt > Date.now() ? entry.count : 0;
  }

  private localIncrement(key: string): number {
    const now = Date.now();
    if (this.local.size > 10_000) this.local.clear();
    const entry = this.local.get(key);
    const next = entry && entry.resetAt > now ? { count: entry.count + 1, resetAt: entry.resetAt } : { count: 1, resetAt: now + WINDOW_MS };
    this.local.set(key, next);
    return next.count;
  }
}
