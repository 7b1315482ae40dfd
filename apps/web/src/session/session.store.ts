import { createHmac, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@app/config';
import type { WebSessionData } from './web-session';

/**
 * Server-side sessions in Redis. The cookie carries a random id; Redis keys are an HMAC of it
 * (WEB_SESSION_SECRET), so a copy of Redis gives no cookie that works. Idle expiry is the key's
 * TTL, refreshed on every request; the absolute cap is checked against `createdAt`.
 */
export class SessionStore {
  private readonly prefix: string;
  private readonly idleMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:web:session:`;
    this.idleMs = config.web.sessionIdleMinutes * 60_000;
    this.maxMs = config.web.sessionMaxHours * 3_600_000;
  }

  newId(): string {
    return randomBytes(32).toString('base64url');
  }

  async load(id: string, now = Date.now()): Promise<WebSessionData | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const raw = await this.redis.get(this.key(id));
    if (!raw) return undefined;
    const data = JSON.parse(raw) as WebSessionData;
    if (now - data.createdAt > this.maxMs) {
      await this.destroy(id);
      return undefined;
    }
    return data;
  }

  /** Writes the session and restarts its idle clock (never past the absolute cap). */
  async save(id: string, data: WebSessionData, now = Date.now()): Promise<void> {
    const ttl = Math.max(1, Math.min(this.idleMs, data.createdAt + this.maxMs - now));
    await this.redis.set(this.key(id), JSON.stringify(data), 'PX', ttl);
  }

  /** Restarts the idle clock of an unchanged session. */
  async touch(id: string, data: WebSessionData, now = Date.now()): Promise<void> {
    const ttl = Math.max(1, Math.min(this.idleMs, data.createdAt + this.maxMs - now));
    await this.redis.pexpire(this.key(id), ttl);
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  private key(id: string): string {
    return this.prefix + createHmac('sha256', this.config.web.sessionSecret).update(id).digest('base64url');
  }
}
