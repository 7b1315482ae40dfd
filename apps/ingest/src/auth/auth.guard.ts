import { timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OrganisationRepository } from '@app/persistence';
import { ApiError } from '../common/api-error';
import { bearerToken, keyDigest } from './api-keys';
import { AUDIENCE, Audience, AuthenticatedRequest, Principal } from './principal';
import { PrincipalCache } from './principal-cache';

/** Authenticates every request: the admin token or an organisation's API key, per route audience. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly cache = new PrincipalCache();
  private readonly adminDigest: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly organisations: OrganisationRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.adminDigest = keyDigest(config.adminToken);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const audience = this.reflector.getAllAndOverride<Audience | undefined>(AUDIENCE, [context.getHandler(), context.getClass()]);
    if (audience === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorised('Authorization: Bearer <key> is required');
    const principal = await this.identify(token);
    if (!principal) throw unauthorised('The key is not valid');
    if (!allowed(audience, principal)) throw new ApiError(HttpStatus.FORBIDDEN, 'This key may not call this endpoint');
    request.principal = principal;
    return true;
  }

  private async identify(token: string): Promise<Principal | null> {
    // One hash per request: compared (in constant time) with the admin token's, and as hex it is the key's stored hash.
    const digest = keyDigest(token);
    if (timingSafeEqual(digest, this.adminDigest)) return { type: 'admin' };
    const hash = digest.toString('hex');
    let found = this.cache.get(hash);
    if (found === undefined) {
      found = await this.organisations.findPrincipalByKeyHash(hash);
      this.cache.set(hash, found);
    }
    return found ? { type: 'organisation', organisationId: found.id, kind: found.kind, sector: found.sector } : null;
  }
}

function allowed(audience: Audience | undefined, principal: Principal): boolean {
  switch (audience) {
    case 'admin':
      return principal.type === 'admin';
    case 'organisation':
      return principal.type === 'organisation';
    case 'admin-or-organisation':
      return true;
    default:
      return false;
  }
}

function unauthorised(message: string): ApiError {
  return new ApiError(HttpStatus.UNAUTHORIZED, message);
}
