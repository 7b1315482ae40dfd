import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { createHash } from 'node:crypto';
import { WEB_REDIS } from '../session/session.module';

/** How many sign-in attempts one client IP and one address get per window. */
export interface SignInLimitSettings {
  perIp: number;
  perAddress: number;
  windowSeconds: number;
}

export const SIGN_IN_LIMITS = Symbol('SIGN_IN_LIMITS');
export const DEFAULT_SIGN_IN_LIMITS: SignInLimitSettings = { perIp: 30, perAddress: 5, windowSeconds: 15 * 60 };

/**
 * Fixed-window counters in Redis, shared by every web replica. Over the limit nothing is sent,
 * but the page answers exactly as it would otherwise: the limit says nothing about an address.
 */
@Injectable()
export class SignInLimits {
  private readonly prefix: string;

  constructor(
    @Inject(WEB_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SIGN_IN_LIMITS) private readonly settings: SignInLimitSettings,
  ) {
    this.prefix = `${config.queuePrefix}:web:sign-in-limit:`;
  }

  /** Counts one attempt; true while both the IP and (when given) the address are within their limits. */
  async allow(ip: string, address?: string): Promise<boolean> {
    const ipCount = await this.count(`ip:${ip}`);
    const addressCount = address ? await this.count(`address:${createHash('sha256').update(address).digest('base64url')}`) : 0;
    return ipCount <= this.settings.perIp && addressCount <= this.settings.perAddress;
  }

  private async count(key: string): Promise<number> {
    const [[, value]] = (await this.redis.multi().incr(this.prefix + key).expire(this.prefix + key, this.settings.windowSeconds, 'NX').exec()) as Array<[Error | null, number]>;
    return value;
  }
}
