import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { allLearningRecords, DRILL_PAGE_MAX, dashboardCsvHeader, dashboardCsvLines, DashboardModelService, type DashboardScope, type DashboardViewer } from '@app/domain/dashboard';
import { learningDay } from '@app/domain/learning';
import { LearningDashboardRepository, OrganisationRepository } from '@app/persistence';
import { CurrentViewer, WebAudience } from '../auth/web-audience.decorator';
import type { Viewer } from '../session/web-session';
import { drillSeverity, hrefOf, lastDayOf, parseLearningQuery, PERIOD_LABELS, SECTOR_OPTIONS, THEME_OPTIONS, type ParsedLearningQuery } from './learning-query';
import { chartViews, dataAsOfText, dayText, headlineCards, recordView } from './learning-view';

/** The organisation filter's choices: every public body a deployment serves fits. */
const ORGANISATION_CHOICES = 500;
const DRILL_PAGE_SIZE = 25;

/**
 * `/learning` (issue #14): the learning dashboard. The Ombudsman sees every body; a public
 * body sees its own learning only (DESIGN: "a body sees its own learning"): its scope is forced
 * to its organisation and the organisation filter is not offered. Glue only: the filters are
 * the domain's (validateDashboardFilters), the figures, charts, drill-down and CSV come from
 * DashboardModelService over LearningDashboardRepository (docs/dashboard.md).
 */
@ApiExcludeController()
@Controller('learning')
@WebAudience('ombudsman', 'body')
export class LearningPageController {
  /** One per process: it caches the arrival-lag distribution for ten minutes. */
  private readonly dashboard: DashboardModelService;

  constructor(
    private readonly repository: LearningDashboardRepository,
    private readonly organisations: OrganisationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dashboard = new DashboardModelService(repository);
  }

  @Get()
  async page(@CurrentViewer() viewer: Viewer, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply) {
    const now = new Date();
    const parsed = parseLearningQuery(raw, learningDay(now), viewer.role === 'ombudsman');
    const base = await this.formData(viewer, parsed);
    if (!parsed.filters) return reply.code(400).view('learning/dashboard.njk', base);
    const model = await this.dashboard.build(parsed.filters, scopeOf(viewer), { today: learningDay(now), now, charts: true });
    return reply.view('learning/dashboard.njk', {
      ...base,
      periodText: `${dayText(parsed.filters.period.from)} to ${dayText(lastDayOf(parsed.filters))}`,
      previousText: `${dayText(parsed.filters.period.previous.from)} to ${dayText(lastDayOf({ ...parsed.filters, period: { ...parsed.filters.period, to: parsed.filters.period.previous.to } }))}`,
      dataAsOf: dataAsOfText(model.dataAsOf),
      cards: headlineCards(model.headline),
      charts: chartViews(model, parsed.carried),
      csvHref: hrefOf('/learning/export.csv', parsed.carried),
    });
  }

  @Get('cases')
  async cases(@CurrentViewer() viewer: Viewer, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply) {
    const now = new Date();
    const parsed = parseLearningQuery(raw, learningDay(now), viewer.role === 'ombudsman');
    const severity = drillSeverity(raw);
    if (severity === null) parsed.errors.severity = 'Severity can only be serious here';
    const base = await this.formData(viewer, parsed);
    if (!parsed.filters || severity === null) return reply.code(400).view('learning/cases.njk', { ...base, backHref: '/learning' });
    const limit = pageSize(raw.limit);
    const carried: Array<[string, string]> = [...parsed.carried, ...(severity ? [['severity', severity] as [string, string]] : []), ...(limit === DRILL_PAGE_SIZE ? [] : [['limit', String(limit)] as [string, string]])];
    const cursor = typeof raw.cursor === 'string' && raw.cursor !== '' ? raw.cursor : undefined;
    let page: Awaited<ReturnType<DashboardModelService['learningPage']>>;
    let cursorIgnored = false;
    const ask = (from?: string) =>
      this.dashboard.learningPage(parsed.filters!, scopeOf(viewer), dashboardViewerOf(viewer), { cursor: from, limit, severity, shareSummaries: this.config.shareSummariesAcrossBodies });
    try {
      page = await ask(cursor);
    } catch (error) {
      // A page link from an older answer (or a hand-made one): start again from the newest.
      if (!(error instanceof RangeError)) throw error;
      cursorIgnored = true;
      page = await ask(undefined);
    }
    const onLaterPage = cursor !== undefined && !cursorIgnored;
    return reply.view('learning/cases.njk', {
      ...base,
      heading: drillHeading(parsed, severity, base.organisationItems),
      periodText: `${dayText(parsed.filters.period.from)} to ${dayText(lastDayOf(parsed.filters))}`,
      items: page.items.map(recordView),
      cursorIgnored,
      backHref: hrefOf('/learning', parsed.carried),
      pagination:
        page.nextCursor || onLaterPage
          ? {
              previous: onLaterPage ? { href: hrefOf('/learning/cases', carried), labelText: 'First page' } : null,
              next: page.nextCursor ? { href: hrefOf('/learning/cases', [...carried, ['cursor', page.nextCursor]]) } : null,
            }
          : null,
    });
  }

  /** Exactly what is filtered, streamed a keyset page at a time (memory stays flat whatever the size). */
  @Get('export.csv')
  async export(@CurrentViewer() viewer: Viewer, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply) {
    const now = new Date();
    const parsed = parseLearningQuery(raw, learningDay(now), viewer.role === 'ombudsman');
    if (!parsed.filters) return reply.code(400).view('learning/dashboard.njk', await this.formData(viewer, parsed));
    const filters = parsed.filters;
    const records = allLearningRecords(this.repository, filters, scopeOf(viewer), dashboardViewerOf(viewer), this.config.shareSummariesAcrossBodies);
    async function* lines() {
      yield dashboardCsvHeader();
      for await (const page of records) yield dashboardCsvLines(page);
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="learning-${filters.period.from}-${lastDayOf(filters)}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  }

  private async formData(viewer: Viewer, parsed: ParsedLearningQuery) {
    const isOmbudsman = viewer.role === 'ombudsman';
    const bodies = isOmbudsman ? (await this.organisations.list({ kind: 'public-body', limit: ORGANISATION_CHOICES })).items : [];
    const errors = Object.keys(parsed.errors).length > 0 ? parsed.errors : undefined;
    return {
      isOmbudsman,
      form: parsed.form,
      errors,
      periodItems: Object.entries(PERIOD_LABELS).map(([value, text]) => ({ value, text, checked: parsed.form.period === value })),
      sectorItems: selectItems(SECTOR_OPTIONS, parsed.form.sector, 'All sectors'),
      themeItems: selectItems(THEME_OPTIONS, parsed.form.theme, 'All themes'),
      organisationItems: selectItems(bodies.map((body) => ({ value: body.id, text: body.name })), parsed.form.organisationId, 'All organisations'),
    };
  }
}

/** A page size from the link (1–100); anything else is the default, not an error: people do not type it. */
function pageSize(raw: unknown): number {
  const text = typeof raw === 'string' ? raw.trim() : '';
  return /^\d{1,3}$/.test(text) && Number(text) >= 1 && Number(text) <= DRILL_PAGE_MAX ? Number(text) : DRILL_PAGE_SIZE;
}

function scopeOf(viewer: Viewer): DashboardScope {
  return viewer.role === 'ombudsman' ? { kind: 'all' } : { kind: 'organisation', organisationId: viewer.organisationId! };
}

function dashboardViewerOf(viewer: Viewer): DashboardViewer {
  return viewer.role === 'ombudsman' ? { kind: 'ombudsman' } : { kind: 'public-body', organisationId: viewer.organisationId! };
}

/** A GOV.UK select's items with "all" first and the chosen one selected. */
function selectItems(options: ReadonlyArray<{ value: string; text: string }>, chosen: string, allText: string) {
  return [{ value: '', text: allText, selected: chosen === '' }, ...options.map((option) => ({ ...option, selected: option.value === chosen }))];
}

/** "Learning summaries: Communication, Health, serious cases": what the list stands for. */
function drillHeading(parsed: ParsedLearningQuery, severity: 'serious' | undefined, organisations: Array<{ value: string; text: string }>): string {
  const parts: string[] = [];
  const theme = THEME_OPTIONS.find((option) => option.value === parsed.form.theme);
  const sector = SECTOR_OPTIONS.find((option) => option.value === parsed.form.sector);
  const organisation = organisations.find((option) => option.value !== '' && option.value === parsed.filters?.organisationId);
  if (theme) parts.push(theme.text);
  if (sector) parts.push(sector.text);
  if (organisation) parts.push(organisation.text);
  if (severity) parts.push('serious cases');
  return parts.length > 0 ? `Learning summaries: ${parts.join(', ')}` : 'Learning summaries';
}
