import { Controller, Get, Header, Inject, NotFoundException, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CurrentViewer, WebAudience } from '../auth/web-audience.decorator';
import type { Viewer } from '../session/web-session';
import { checkUploadedFile, megabytes, UPLOAD_MAX_ROWS } from './upload-file';
import { readUploadedFile } from './upload-form.reader';
import { UploadProcessor } from './upload-processor.service';
import { UploadProgressStore, type UploadProgress } from './upload-progress.store';
import { acceptedPage, progressView, rejectedTable, statusJson } from './upload-views';

const FORM = 'upload/form.njk';

/**
 * `/complaints/upload`: a body's contact uploads a CSV export of its complaints. The file is
 * checked at once (a GOV.UK error on the form), then stored in the background through the
 * API's intake; `/complaints/upload/:uploadId` shows progress, then every rejected row and a
 * link to the accepted ones. Uploads are found only under the viewer's organisation.
 */
@ApiExcludeController()
@Controller('complaints/upload')
@WebAudience('body')
export class UploadPageController {
  constructor(
    private readonly processor: UploadProcessor,
    private readonly uploads: UploadProgressStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Render(FORM)
  form() {
    return this.limits();
  }

  @Post()
  async upload(@CurrentViewer() viewer: Viewer, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const maxBytes = this.config.bodyLimitBytes;
    const file = await readUploadedFile(request, maxBytes);
    const checked = file.ok ? await checkUploadedFile(file.fileName, file.content, maxBytes) : undefined;
    if (!checked?.ok) {
      const message = checked ? checked.message : fileProblem(file.ok ? 'no-file' : file.problem, maxBytes);
      return reply.code(400).view(FORM, { ...this.limits(), errors: { file: message } });
    }
    const owner = { organisationId: viewer.organisationId as string, contactId: viewer.contactId };
    const progress = await this.processor.start(owner, file.ok ? file.fileName : '', checked.rows);
    return reply.redirect(`/complaints/upload/${progress.id}`, 303);
  }

  @Get(':uploadId')
  @Header('cache-control', 'no-store')
  async show(@CurrentViewer() viewer: Viewer, @Param('uploadId') uploadId: string, @Res() reply: FastifyReply) {
    const progress = await this.find(viewer, uploadId);
    const rejected = progress.phase === 'processing' ? [] : rejectedTable(await this.uploads.rejectedRows(progress.organisationId, progress.id));
    return reply.view('upload/status.njk', { ...progressView(progress), rejected });
  }

  /** What the progress page's script polls; the same figures as the page. */
  @Get(':uploadId/status')
  @Header('cache-control', 'no-store')
  async status(@CurrentViewer() viewer: Viewer, @Param('uploadId') uploadId: string) {
    return statusJson(await this.find(viewer, uploadId));
  }

  @Get(':uploadId/accepted')
  @Render('upload/accepted.njk')
  async accepted(@CurrentViewer() viewer: Viewer, @Param('uploadId') uploadId: string, @Query('page') page: unknown) {
    const progress = await this.find(viewer, uploadId);
    return acceptedPage(progress, page, (offset, count) => this.uploads.acceptedRows(progress.organisationId, progress.id, offset, count));
  }

  private async find(viewer: Viewer, uploadId: string): Promise<UploadProgress> {
    const progress = viewer.organisationId ? await this.uploads.find(viewer.organisationId, uploadId) : undefined;
    if (!progress) throw new NotFoundException();
    return progress;
  }

  private limits() {
    return { maxSize: megabytes(this.config.bodyLimitBytes), maxRows: UPLOAD_MAX_ROWS.toLocaleString('en-GB') };
  }
}

function fileProblem(problem: 'no-file' | 'too-large' | 'unreadable', maxBytes: number): string {
  if (problem === 'too-large') return `The selected file must be smaller than ${megabytes(maxBytes)}`;
  if (problem === 'unreadable') return 'The selected file could not be uploaded – try again';
  return 'Select a CSV file';
}
