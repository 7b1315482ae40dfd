import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WEB_REDIS } from '../session/session.module';

export interface SignInLink {
  email: string;
  next?: string;
}

/**
 * Single-use sign-in tokens in Redis: only a SHA-256 of the token is stored, under a TTL of
 * WEB_SIGN_IN_LINK_SECONDS. `peek` (the emailed link's GET, which mail scanners also open)
 * leaves it usable; `consume` (the Continue button's POST) takes it atomically with GETDEL.
 */
@Injectable()
export class SignInLinks {
  private readonly prefix: string;

  constructor(
    @Inject(WEB_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:web:sign-in-link:`;
  }

  async issue(link: SignInLink): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(token), JSON.stringify(link), 'EX', this.config.web.signInLinkSeconds);
    return token;
  }

  async peek(token: string): Promise<boolean> {
    return isTokenShaped(token) && (await this.redis.exists(this.key(token))) === 1;
  }

  async consume(token: string): Promise<SignInLink | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const raw = await this.redis.getdel(this.key(token));
    return raw ? (JSON.parse(raw) as SignInLink) : undefined;
  }

  private key(token: string): string {
    return this.prefix + createHash('sha256').update(token).digest('base64url');
  }
}

function isTokenShaped(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
