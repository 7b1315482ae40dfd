import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Viewer, WebRole } from '../session/web-session';
import { CurrentViewer, WebAudience } from './web-audience.decorator';

/** Where each role starts. */
export const HOME_BY_ROLE: Record<WebRole, string> = { ombudsman: '/learning', body: '/complaints', operator: '/admin' };

@ApiExcludeController()
@Controller()
export class HomeController {
  @Get()
  @WebAudience('body', 'ombudsman', 'operator')
  home(@CurrentViewer() viewer: Viewer, @Res() reply: FastifyReply) {
    return reply.redirect(HOME_BY_ROLE[viewer.role], 303);
  }
}
