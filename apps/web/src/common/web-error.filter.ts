import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeErrorReason } from '@app/config';
import { SignInRequired } from '../auth/web-audience.guard';

const PAGES: Record<number, string> = {
  [HttpStatus.NOT_FOUND]: 'errors/404.njk',
  [HttpStatus.FORBIDDEN]: 'errors/403.njk',
};

/**
 * Every error becomes a GOV.UK error page: 404 and 403 say what happened, anything unexpected
 * is logged (without request data) and shown as the 500 page. A page that needs sign-in
 * redirects there instead, keeping where the viewer was going.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrorFilter');

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (reply.sent) return;
    if (exception instanceof SignInRequired) {
      await reply.redirect(exception.next ? `/sign-in?next=${encodeURIComponent(exception.next)}` : '/sign-in', 303);
      return;
    }
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) this.logger.error(`${request.method} ${request.routeOptions?.url ?? 'unknown route'} failed: ${safeErrorReason(exception)}`);
    await renderError(reply, status);
  }
}

/** Renders the GOV.UK error page for a status (400s without a page of their own read as 404/403-like "problem" pages). */
export async function renderError(reply: FastifyReply, status: number): Promise<void> {
  const template = PAGES[status] ?? (status >= 500 ? 'errors/500.njk' : 'errors/400.njk');
  await reply.code(status).header('cache-control', 'no-store').view(template, {});
}
