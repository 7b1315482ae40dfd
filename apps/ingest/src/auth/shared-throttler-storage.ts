import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from '@app/contracts';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often a Redis outage is logged while requests are counted in memory. */
const OUTAGE_LOG_EVERY_MS = 60_000;

/**
 * Rate-limit counters shared by every ingest replica, in Redis, so N replicas do not allow
 * N times the limit. While Redis is unreachable the counting falls back to this process's
 * memory: ingest keeps accepting complaints into PostgreSQL during a Redis outage (the
 * re-drive queues them later), and a limit per replica is better than none or than failing
 * every request.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private readonly local = new ThrottlerStorageService();
  private readonly shared: ThrottlerStorageRedisService;
  private lastOutageLog = 0;

  constructor(private readonly redis: Redis) {
    this.shared = new ThrottlerStorageRedisService(redis);
    // Connection errors are expected during an outage; they are logged once a minute, not per retry.
    redis.on('error', (error: Error) => this.noteOutage(error));
  }

  /**
   * Counters live under `<prefix>:throttle:`, beside the queues. The client fails fast instead
   * of queueing commands while disconnected: a request must not wait on Redis.
   */
  static fromUrl(redisUrl: string, prefix: string): SharedThrottlerStorage {
    return new SharedThrottlerStorage(
      new Redis({
        ...redisOptionsFromUrl(redisUrl),
        keyPrefix: `${prefix}:throttle:`,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectionName: 'ingest-throttler',
      }),
    );
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.redis.status === 'ready') {
      try {
        return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      } catch (error) {
        this.noteOutage(error);
      }
    } else {
      this.noteOutage(new Error(`redis ${this.redis.status}`));
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onModuleDestroy(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect(false);
  }

  private noteOutage(error: unknown): void {
    const now = Date.now();
    if (now - this.lastOutageLog < OUTAGE_LOG_EVERY_MS) return;
    this.lastOutageLog = now;
    this.logger.warn({ reason: (error as Error).message }, 'rate limits counted in this process only while Redis is unreachable');
  }
}
