import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Viewer, WebRole } from '../session/web-session';

export const WEB_AUDIENCE = 'web:audience';
export const PUBLIC_PAGE = 'web:public';

/**
 * Who may see a page (on a controller class or a handler). A page without either decorator is
 * refused to everyone: a new page is never public by accident.
 */
export const WebAudience = (...roles: WebRole[]) => SetMetadata(WEB_AUDIENCE, roles);

/** A page anyone may see, signed in or not (sign-in pages, errors). */
export const PublicPage = () => SetMetadata(PUBLIC_PAGE, true);

/** The signed-in viewer; only on handlers behind @WebAudience (elsewhere it may be undefined). */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer | undefined => {
  return context.switchToHttp().getRequest<FastifyRequest>().session?.viewer;
});
