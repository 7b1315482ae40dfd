import { Controller, Get, HttpStatus, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import { verifyUnsubscribeToken } from '@app/mail';
import { DigestRepository } from '@app/persistence';
import { Audience } from '../auth/principal';
import { ApiError } from '../common/api-error';

// Static text only: nothing from the request or the database is written into the page.
const PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Unsubscribed</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:640px;margin:40px auto;line-height:1.5;">
<h1 style="font-size:22px;">You are unsubscribed</h1>
<p>You will not receive any more complaint learning emails: no digests and no immediate alerts about serious cases.</p>
</body></html>`;

/** The link in every email's footer and List-Unsubscribe header. The HMAC token is the authorisation. */
@ApiExcludeController()
@Controller('v1/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly digests: DigestRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Audience('public')
  async unsubscribe(@Query('token') token: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const contactId = typeof token === 'string' ? verifyUnsubscribeToken(this.config.complainantHashSecret, token) : null;
    if (!contactId) throw new ApiError(HttpStatus.BAD_REQUEST, 'This unsubscribe link is not valid', [{ field: 'token', message: 'is not valid' }]);
    // A contact already removed is as unsubscribed as can be: same answer.
    await this.digests.unsubscribe(contactId);
    // Set here, not by decorator, so an error above still leaves as the API's JSON error.
    void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store');
    return PAGE;
  }
}
