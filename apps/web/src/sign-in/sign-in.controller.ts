import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicPage } from '../auth/web-audience.decorator';
import { safeNext } from '../auth/safe-next';
import { signInAs, signOut } from '../session/session.hooks';
import type { Viewer } from '../session/web-session';
import { isEmailAddress, normaliseEmail } from './email-address';
import { SignInService } from './sign-in.service';

type Form = Record<string, unknown>;

/** Pages, not an API: they are left out of OpenAPI (ingest's /docs describes the API only). */
@ApiExcludeController()
@Controller()
@PublicPage()
export class SignInController {
  constructor(private readonly signIn: SignInService) {}

  @Get('sign-in')
  @Render('sign-in/start.njk')
  start(@Query('next') next: unknown) {
    return { next: safeNext(next) };
  }

  @Post('sign-in')
  async requestLink(@Body() form: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const email = normaliseEmail(form.email);
    const next = safeNext(form.next);
    if (!isEmailAddress(email)) {
      const message = email === '' ? 'Enter your email address' : 'Enter an email address in the correct format, like name@example.org';
      return reply.code(400).view('sign-in/start.njk', { next, email: typeof form.email === 'string' ? form.email : '', errors: { email: message } });
    }
    this.signIn.requestLink(email, request.ip, next);
    return reply.code(200).view('sign-in/check-email.njk', { email, linkMinutes: this.signIn.linkMinutes });
  }

  /** The emailed link. A GET must not use the token up: mail scanners open links too. */
  @Get('sign-in/continue')
  async showContinue(@Query('token') token: unknown, @Res() reply: FastifyReply) {
    if (typeof token !== 'string' || !(await this.signIn.linkIsLive(token))) return this.linkInvalid(reply);
    return reply.view('sign-in/continue.njk', { token });
  }

  @Post('sign-in/continue')
  async continue(@Body() form: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const outcome = typeof form.token === 'string' ? await this.signIn.continueWith(form.token) : { kind: 'invalid' as const };
    if (outcome.kind === 'invalid') return this.linkInvalid(reply);
    if (outcome.kind === 'signed-in') return this.enter(request, reply, outcome.viewer, outcome.next);
    request.session.pendingChoice = { contactIds: outcome.contactIds, next: outcome.next, until: outcome.until };
    return reply.redirect('/sign-in/choose', 303);
  }

  @Get('sign-in/choose')
  async showChoice(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const pending = request.session.pendingChoice;
    if (!pending || pending.until < Date.now()) return this.linkInvalid(reply);
    return reply.code(200).view('sign-in/choose.njk', { choices: await this.signIn.choices(pending.contactIds) });
  }

  @Post('sign-in/choose')
  async choose(@Body() form: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const pending = request.session.pendingChoice;
    if (!pending || pending.until < Date.now()) return this.linkInvalid(reply);
    if (typeof form.contactId !== 'string' || form.contactId === '') {
      const choices = await this.signIn.choices(pending.contactIds);
      return reply.code(400).view('sign-in/choose.njk', { choices, errors: { contactId: 'Select the organisation you want to sign in for' } });
    }
    const viewer = await this.signIn.choose(pending.contactIds, form.contactId);
    if (!viewer) return this.linkInvalid(reply);
    return this.enter(request, reply, viewer, pending.next);
  }

  @Get('sign-in/operator')
  @Render('sign-in/operator.njk')
  showOperator(@Query('next') next: unknown) {
    return { next: safeNext(next) };
  }

  @Post('sign-in/operator')
  async operator(@Body() form: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const next = safeNext(form.next);
    const token = typeof form.token === 'string' ? form.token : '';
    const viewer = token === '' ? undefined : await this.signIn.operator(token, request.ip);
    if (!viewer) {
      const message = token === '' ? 'Enter the admin token' : 'The admin token is not correct';
      return reply.code(400).view('sign-in/operator.njk', { next, errors: { token: message } });
    }
    return this.enter(request, reply, viewer, next);
  }

  @Post('sign-out')
  signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    signOut(request);
    return reply.redirect('/signed-out', 303);
  }

  @Get('signed-out')
  @Render('sign-in/signed-out.njk')
  signedOut() {
    return {};
  }

  private linkInvalid(reply: FastifyReply) {
    return reply.code(400).view('sign-in/link-invalid.njk', { linkMinutes: this.signIn.linkMinutes });
  }

  private enter(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, next: string | undefined) {
    signInAs(request, viewer);
    return reply.redirect(next ?? '/', 303);
  }
}
