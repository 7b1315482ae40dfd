import { Body, Controller, Get, NotFoundException, Param, Post, Query, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ComplaintListRepository, OrganisationRepository, type ComplaintListRow } from '@app/persistence';
import { ComplaintReviewService } from '@app/persistence/complaints';
import { CurrentViewer, WebAudience } from '../auth/web-audience.decorator';
import type { Viewer } from '../session/web-session';
import { ComplaintCaseService, readerScope } from './complaint-case.service';
import { formatDay, SEVERITY_HINTS, SEVERITY_OPTIONS, SEVERITY_TAGS, STATUS_OPTIONS, STATUS_TAGS, THEME_OPTIONS, themeName } from './complaint-display';
import { parseComplaintFilters, type ParsedFilters } from './complaint-filters';
import { parseReviewForm } from './review-form';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The organisation filter's choices; far more bodies than any one deployment serves. */
const ORGANISATION_CHOICES = 500;
const SAVED_TEXT: Record<string, string> = {
  review: 'The corrected labels are saved. Routing, digests and learning figures now use them.',
  removed: "The review is removed. The model's labels apply again.",
};

/** `/complaints`: a body's own complaints, or every body's for the Ombudsman, and each case. */
@ApiExcludeController()
@Controller('complaints')
@WebAudience('body', 'ombudsman')
export class ComplaintsPageController {
  constructor(
    private readonly complaints: ComplaintListRepository,
    private readonly organisations: OrganisationRepository,
    private readonly cases: ComplaintCaseService,
    private readonly reviewing: ComplaintReviewService,
  ) {}

  @Get()
  async list(@CurrentViewer() viewer: Viewer, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply) {
    const isOmbudsman = viewer.role === 'ombudsman';
    const filters = parseComplaintFilters(raw, isOmbudsman);
    const bodies = isOmbudsman ? (await this.organisations.list({ kind: 'public-body', limit: ORGANISATION_CHOICES })).items : [];
    const names = new Map(bodies.map((body) => [body.id, body.name]));
    const errors = Object.keys(filters.errors).length > 0 ? filters.errors : undefined;
    const page = errors ? null : await this.complaints.list(readerScope(viewer), filters.query);
    const filtered = filters.carried.some(([name]) => name !== 'limit');
    return reply.code(errors ? 400 : 200).view('complaints/list.njk', {
      isOmbudsman,
      form: filters.form,
      errors,
      filtered,
      statusItems: selectItems(STATUS_OPTIONS, filters.form.status, 'Any status'),
      themeItems: selectItems(THEME_OPTIONS, filters.form.theme, 'Any theme'),
      severityItems: selectItems(SEVERITY_OPTIONS, filters.form.severity, 'Any severity'),
      organisationItems: selectItems(bodies.map((body) => ({ value: body.id, text: body.name })), filters.form.organisationId, 'All organisations'),
      items: page?.items.map((row) => listItem(row, names)) ?? [],
      pagination: page ? paginationLinks(filters, page.nextCursor, page.previousCursor ?? null, Boolean(filters.query.before)) : null,
      cursorIgnored: filters.cursorIgnored,
    });
  }

  @Get(':id')
  async show(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Query('saved') saved: unknown, @Res() reply: FastifyReply) {
    const page = await this.casePage(id, viewer);
    const banner = typeof saved === 'string' ? SAVED_TEXT[saved] : undefined;
    return reply.view('complaints/case.njk', { ...page, banner, ...reviewChoices() });
  }

  /** Corrects the labels: the same write as `PUT /v1/complaints/:id/review`, the contact as reviewer. */
  @Post(':id/review')
  async review(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    if (!UUID.test(id)) throw new NotFoundException();
    const parsed = parseReviewForm(body ?? {});
    if (!parsed.ok) {
      const page = await this.casePage(id, viewer, parsed.values);
      return reply.code(400).view('complaints/case.njk', { ...page, errors: parsed.errors, ...reviewChoices() });
    }
    const scope = readerScope(viewer);
    const outcome = await this.reviewing.put(id, { ...scope, contactId: viewer.contactId }, parsed.labels, { kind: 'contact', id: viewer.contactId });
    if (outcome.kind === 'not-found') throw new NotFoundException();
    if (outcome.kind === 'not-classified') {
      const page = await this.casePage(id, viewer);
      return reply.code(409).view('complaints/case.njk', { ...page, errors: { themes: 'This complaint has not been classified yet. Correct its labels once it is processed' }, ...reviewChoices() });
    }
    if (!outcome.queued) throw new ServiceUnavailableException();
    return reply.redirect(`/complaints/${id}?saved=review`, 303);
  }

  /** "Return to the model's labels": the same removal as `DELETE /v1/complaints/:id/review`. */
  @Post(':id/review/delete')
  async removeReview(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Res() reply: FastifyReply) {
    if (!UUID.test(id)) throw new NotFoundException();
    const outcome = await this.reviewing.remove(id, readerScope(viewer), { kind: 'contact', id: viewer.contactId });
    if (outcome.kind === 'not-found') throw new NotFoundException();
    if (!outcome.queued) throw new ServiceUnavailableException();
    return reply.redirect(`/complaints/${id}?saved=removed`, 303);
  }

  private async casePage(id: string, viewer: Viewer, form?: Parameters<ComplaintCaseService['page']>[2]) {
    const page = UUID.test(id) ? await this.cases.page(id, viewer, form) : null;
    if (!page) throw new NotFoundException();
    return { ...page, isOmbudsman: viewer.role === 'ombudsman' };
  }
}

function reviewChoices() {
  return {
    themeOptions: THEME_OPTIONS,
    severityOptions: SEVERITY_OPTIONS.map((option) => ({ ...option, hint: SEVERITY_HINTS[option.value] })),
  };
}

/** A GOV.UK select's items with "any" first and the chosen one selected. */
function selectItems(options: ReadonlyArray<{ value: string; text: string }>, chosen: string, anyText: string) {
  return [{ value: '', text: anyText, selected: chosen === '' }, ...options.map((option) => ({ ...option, selected: option.value === chosen }))];
}

function listItem(row: ComplaintListRow, names: Map<string, string>) {
  return {
    id: row.id,
    reference: row.reference,
    organisationName: names.get(row.organisationId) ?? '',
    receivedAt: formatDay(row.receivedAt),
    serviceArea: row.serviceArea,
    status: STATUS_TAGS[row.status],
    failureReason: row.failure?.reason ?? null,
    severity: row.severity ? SEVERITY_TAGS[row.severity] : null,
    themes: row.themes.map(themeName),
  };
}

/** GOV.UK pagination links carrying the filters and the cursor; a link back to the first page carries none. */
function paginationLinks(filters: ParsedFilters, nextCursor: string | null, previousCursor: string | null, cameBackward: boolean) {
  const href = (extra: Array<[string, string]>) => {
    const search = new URLSearchParams([...filters.carried, ...extra]).toString();
    return search ? `/complaints?${search}` : '/complaints';
  };
  const onLaterPage = Boolean(filters.query.after) || cameBackward;
  const previous = previousCursor ? { href: href([['before', previousCursor]]) } : onLaterPage && !cameBackward ? { href: href([]) } : null;
  const next = nextCursor ? { href: href([['cursor', nextCursor]]) } : null;
  return previous || next ? { previous, next } : null;
}
