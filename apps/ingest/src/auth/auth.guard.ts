import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OrganisationRepository } from '@app/persistence';
import { ApiError } from '../common/api-error';
import { bearerToken, hashApiKey, safeEqual } from './api-keys';
import { AUDIENCE, Audience, AuthenticatedRequest, Principal } from './principal';
import { PrincipalCache } from './principal-cache';

/** Authenticates every request: the admin token or an organisation's API key, per route audience. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly cache = new PrincipalCache();

  constructor(
    private readonly reflector: Reflector,
    private readonly organisations: OrganisationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
    if (safeEqual(token, this.config.adminToken)) return { type: 'admin' };
    const hash = hashApiKey(token);
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
