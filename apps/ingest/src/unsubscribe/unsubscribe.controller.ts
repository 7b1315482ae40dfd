import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import { verifyUnsubscribeToken } from '@app/mail';
import { UnsubscribeRepository } from '@app/persistence';
import { Audience } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { isOneClickBody, ONE_CLICK } from './one-click-body';
import { confirmationPage, UNSUBSCRIBED_PAGE } from './unsubscribe-pages';

/**
 * The link in every email's footer and List-Unsubscribe header; the HMAC token is the
 * authorisation. GET only asks (links are followed by scanners and by whoever a digest was
 * forwarded to); POST with `List-Unsubscribe=One-Click` (RFC 8058, or the page's form) acts.
 */
@ApiExcludeController()
@Controller('v1/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly unsubscribes: UnsubscribeRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Audience('public')
  confirm(@Query('token') token: unknown, @Res({ passthrough: true }) reply: FastifyReply): string {
    const valid = this.verifiedToken(token);
    sendHtml(reply);
    return confirmationPage(valid.token);
  }

  @Post()
  @Audience('public')
  @HttpCode(HttpStatus.OK)
  async unsubscribe(@Query('token') token: unknown, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contactId } = this.verifiedToken(token);
    if (!isOneClickBody(body)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'An unsubscribe request must say List-Unsubscribe=One-Click', [{ field: ONE_CLICK.name, message: `must be ${ONE_CLICK.value}` }]);
    }
    // A contact already removed is as unsubscribed as can be: same answer.
    await this.unsubscribes.unsubscribe(contactId);
    sendHtml(reply);
    return UNSUBSCRIBED_PAGE;
  }

  private verifiedToken(token: unknown): { token: string; contactId: string } {
    const contactId = typeof token === 'string' ? verifyUnsubscribeToken(this.config.unsubscribeKeys, token) : null;
    if (!contactId || typeof token !== 'string') {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'This unsubscribe link is not valid', [{ field: 'token', message: 'is not valid' }]);
    }
    return { token, contactId };
  }
}

/** Set here, not by decorator, so an error above still leaves as the API's JSON error. */
function sendHtml(reply: FastifyReply): void {
  // The token is the authorisation: keep it out of caches and other sites' Referer headers.
  void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
}
