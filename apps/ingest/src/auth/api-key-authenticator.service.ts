import { timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { redisOptionsFromUrl } from '@app/contracts';
import { ApiKeyRepository, type KeyPrincipal } from '@app/persistence';
import { OrganisationChangeNotifier, organisationChangeChannel } from '@app/persistence/administration';
import { ApiError } from '../common/api-error';
import { bearerToken, keyDigest } from './api-keys';
import { AuthFailureLimiter } from './auth-failure-limiter';
import type { Principal } from './principal';
import { PrincipalCache } from './principal-cache';
import { PrincipalInvalidation } from './principal-invalidation';

/**
 * Turns an Authorization header into a principal: the admin token, or an organisation's key
 * (hashed, looked up in `api_key`, cached). Shared by the early hook, which refuses before a
 * body is read, and the guard, so both count failures and see revocations the same way.
 */
@Injectable()
export class ApiKeyAuthenticator implements OrganisationChangeNotifier, OnModuleInit, OnModuleDestroy {
  private readonly cache = new PrincipalCache();
  private readonly adminDigest: Buffer;
  private readonly failures: AuthFailureLimiter;
  private readonly invalidation: PrincipalInvalidation;

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.adminDigest = keyDigest(config.adminToken);
    const options = { ...redisOptionsFromUrl(config.redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 0 };
    this.failures = new AuthFailureLimiter(new Redis({ ...options, keyPrefix: `${config.queuePrefix}:`, connectionName: 'ingest-auth-failures' }), config.authFailuresPerMinute);
    this.invalidation = new PrincipalInvalidation(
      this.cache,
      new Redis({ ...options, connectionName: 'ingest-auth-publish' }),
      // The subscriber must queue its SUBSCRIBE until connected, and re-subscribes after a reconnect.
      new Redis({ ...redisOptionsFromUrl(config.redisUrl), connectionName: 'ingest-auth-subscribe' }),
      organisationChangeChannel(config.queuePrefix),
    );
  }

  async onModuleInit(): Promise<void> {
    await this.invalidation.start();
  }

  onModuleDestroy(): void {
    this.invalidation.stop();
    this.failures.stop();
  }

  /** Throws 401 (no or bad key), 403 (suspended organisation) or 429 (too many failures from this IP). */
  async authenticate(authorization: string | string[] | undefined, ip: string): Promise<Principal> {
    const token = bearerToken(authorization);
    if (!token) return this.refuse(ip, 'Authorization: Bearer <key> is required');
    // One hash per request: compared (in constant time) with the admin token's, and as hex it is the key's stored hash.
    const digest = keyDigest(token);
    if (timingSafeEqual(digest, this.adminDigest)) return { type: 'admin' };
    const found = await this.lookUp(digest.toString('hex'), ip);
    if (!found) return this.refuse(ip, 'The key is not valid');
    if (found.suspended) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'This organisation is suspended: its requests are refused and its queued complaints are held until the operator reinstates it');
    }
    return { type: 'organisation', organisationId: found.organisationId, kind: found.kind, sector: found.sector, keyId: found.keyId };
  }

  /** A key revoked or the organisation suspended/reinstated: every replica forgets its cached keys. */
  organisationChanged(organisationId: string): Promise<void> {
    return this.invalidation.organisationChanged(organisationId);
  }

  private async lookUp(hash: string, ip: string): Promise<KeyPrincipal | null> {
    const cached = this.cache.get(hash);
    if (cached !== undefined) return cached;
    // A blocked IP is refused before it costs a query; keys already cached still work from it.
    if (await this.failures.isBlocked(ip)) throw tooManyFailures();
    const found = await this.keys.findPrincipal(hash);
    this.cache.set(hash, found);
    return found;
  }

  private async refuse(ip: string, message: string): Promise<never> {
    if (await this.failures.recordFailure(ip)) throw tooManyFailures();
    throw new ApiError(HttpStatus.UNAUTHORIZED, message);
  }
}

function tooManyFailures(): ApiError {
  return new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'Too many failed authentications from this address; try again in a minute');
}
