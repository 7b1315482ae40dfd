import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/api-error';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { AUDIENCE, Audience, AuthenticatedRequest, Principal } from './principal';

/**
 * Authorises every request per route audience. Requests with a body were already authenticated
 * by the early hook (before the body was read); the others are authenticated here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const audience = this.reflector.getAllAndOverride<Audience | undefined>(AUDIENCE, [context.getHandler(), context.getClass()]);
    if (audience === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal ??= await this.authenticator.authenticate(request.headers.authorization, request.ip ?? 'unknown');
    if (!allowed(audience, request.principal)) throw new ApiError(HttpStatus.FORBIDDEN, 'This key may not call this endpoint');
    return true;
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
