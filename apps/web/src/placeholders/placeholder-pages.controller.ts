import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentViewer, WebAudience } from '../auth/web-audience.decorator';
import type { Viewer } from '../session/web-session';

/**
 * TEMPORARY: the start page of each role until the real sections exist. Whoever builds
 * /learning, /complaints, /contacts or /admin deletes its handler here (and this file and
 * views/placeholders/ with the last one, and its registration in web.module.ts).
 */
@ApiExcludeController()
@Controller()
export class PlaceholderPagesController {
  @Get('learning')
  @WebAudience('ombudsman', 'body')
  @Render('placeholders/page.njk')
  learning(@CurrentViewer() viewer: Viewer) {
    return { title: 'Learning', viewerName: viewer.name };
  }

  @Get('complaints')
  @WebAudience('body', 'ombudsman')
  @Render('placeholders/page.njk')
  complaints(@CurrentViewer() viewer: Viewer) {
    return { title: 'Complaints', viewerName: viewer.name };
  }

  @Get('contacts')
  @WebAudience('body')
  @Render('placeholders/page.njk')
  contacts(@CurrentViewer() viewer: Viewer) {
    return { title: 'Contacts', viewerName: viewer.name };
  }

  @Get('admin')
  @WebAudience('operator')
  @Render('placeholders/page.njk')
  admin(@CurrentViewer() viewer: Viewer) {
    return { title: 'Admin', viewerName: viewer.name };
  }
}
