import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ContactRepository } from '@app/persistence';
import { signOut } from '../session/session.hooks';
import type { Viewer, WebRole } from '../session/web-session';
import { PUBLIC_PAGE, WEB_AUDIENCE } from './web-audience.decorator';
import { safeNext } from './safe-next';

/** Thrown for a page that needs a signed-in viewer; the error filter redirects to /sign-in. */
export class SignInRequired extends Error {
  constructor(readonly next: string | undefined) {
    super('sign-in required');
  }
}

/** How often a signed-in contact is checked to still exist at an unsuspended organisation. */
export const VIEWER_RECHECK_MS = Symbol('VIEWER_RECHECK_MS');
export const DEFAULT_VIEWER_RECHECK_MS = 60_000;

/**
 * Global guard: @PublicPage passes; @WebAudience needs a viewer of one of its roles; anything
 * else is refused. A contact's session ends within VIEWER_RECHECK_MS of the contact being
 * deleted or its organisation suspended.
 */
@Injectable()
export class WebAudienceGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ContactRepository) private readonly contacts: ContactRepository,
    @Inject(VIEWER_RECHECK_MS) private readonly recheckMs: number,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_PAGE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const viewer = request.session?.viewer;
    if (!viewer || !(await this.stillAllowed(request, viewer))) throw new SignInRequired(request.method === 'GET' ? safeNext(request.url) : undefined);
    const roles = this.reflector.getAllAndOverride<WebRole[] | undefined>(WEB_AUDIENCE, targets) ?? [];
    if (!roles.includes(viewer.role)) throw new ForbiddenException();
    return true;
  }

  private async stillAllowed(request: FastifyRequest, viewer: Viewer): Promise<boolean> {
    if (!viewer.contactId) return true;
    const now = Date.now();
    if (viewer.checkedAt !== undefined && now - viewer.checkedAt < this.recheckMs) return true;
    if (await this.contacts.findSignInContact(viewer.contactId)) {
      viewer.checkedAt = now;
      return true;
    }
    signOut(request);
    return false;
  }
}
