import { Body, Controller, Get, Header, NotFoundException, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ORGANISATION_KINDS, SECTORS, type OrganisationKind, type Sector } from '@app/domain';
import { ApiKeyRepository, OrganisationRepository, parseOrganisationListCursor, type OrganisationListRow } from '@app/persistence';
import { OrganisationAdministration } from '@app/persistence/administration';
import { WebAudience } from '../auth/web-audience.decorator';
import { isUuid, setIssuedKey, takeIssuedKey, takeNotice } from './admin-flash';
import { KIND_LABELS, SECTOR_LABELS, options } from './admin-labels';
import { checkOrganisationForm, readOrganisationForm } from './organisation-form';

/** Organisations per page of the console's list. */
const PAGE_SIZE = 50;
const ADMIN = { kind: 'admin' } as const;

/**
 * The operator's organisations: the list (the API's repository method and cursor), creating
 * one (the API's rules and service; its first key shown once), and one organisation's page.
 */
@ApiExcludeController()
@Controller('admin/organisations')
@WebAudience('operator')
export class OrganisationsPageController {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly keys: ApiKeyRepository,
    private readonly administration: OrganisationAdministration,
  ) {}

  @Get()
  @Render('admin/organisations.njk')
  async list(@Req() request: FastifyRequest, @Query('kind') kindText?: unknown, @Query('sector') sectorText?: unknown, @Query('cursor') cursorText?: unknown) {
    // A filter value that is not in the list is no filter (the form only offers valid ones).
    const kind = ORGANISATION_KINDS.find((value) => value === kindText) as OrganisationKind | undefined;
    const sector = SECTORS.find((value) => value === sectorText) as Sector | undefined;
    const after = typeof cursorText === 'string' ? (parseOrganisationListCursor(cursorText) ?? undefined) : undefined;
    const page = await this.organisations.list({ kind, sector, after, limit: PAGE_SIZE });
    const filter = new URLSearchParams();
    if (kind) filter.set('kind', kind);
    if (sector) filter.set('sector', sector);
    const next = page.nextCursor ? `/admin/organisations?${new URLSearchParams([...filter, ['cursor', page.nextCursor]]).toString()}` : undefined;
    const first = after ? `/admin/organisations${filter.size > 0 ? `?${filter.toString()}` : ''}` : undefined;
    return {
      notice: takeNotice(request),
      rows: page.items.map(row),
      filtered: Boolean(kind || sector),
      kindItems: [{ value: '', text: 'Any kind' }, ...options(KIND_LABELS, kind ? [kind] : [])],
      sectorItems: [{ value: '', text: 'Any sector' }, ...options(SECTOR_LABELS, sector ? [sector] : [])],
      next,
      first,
    };
  }

  @Get('new')
  @Render('admin/organisation-new.njk')
  newForm() {
    return formPage(readOrganisationForm({}));
  }

  @Post()
  async create(@Req() request: FastifyRequest, @Body() form: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = readOrganisationForm(form ?? {});
    const check = checkOrganisationForm(values);
    if (!check.ok) return reply.code(400).view('admin/organisation-new.njk', { ...formPage(values), errors: check.errors });
    const created = await this.administration.create(check.input, ADMIN);
    setIssuedKey(request, { organisationId: created.id, keyId: created.keyId, apiKey: created.apiKey, newOrganisation: true });
    return reply.redirect(`/admin/organisations/${created.id}/key`, 303);
  }

  @Get(':id')
  @Render('admin/organisation.njk')
  async show(@Req() request: FastifyRequest, @Param('id') id: string) {
    const organisation = await this.find(id);
    const keys = await this.keys.list(id);
    return {
      notice: takeNotice(request),
      organisation: row(organisation),
      keys: keys.map((key) => ({ ...key, createdAt: formatTime(key.createdAt), lastUsedAt: key.lastUsedAt ? formatTime(key.lastUsedAt) : undefined, revokedAt: key.revokedAt ? formatTime(key.revokedAt) : undefined })),
    };
  }

  /** Where a new key is shown, once: a reload (or anyone later) finds it gone. */
  @Get(':id/key')
  @Header('cache-control', 'no-store')
  @Render('admin/key-issued.njk')
  async issuedKey(@Req() request: FastifyRequest, @Param('id') id: string) {
    const organisation = await this.find(id);
    return { organisation: row(organisation), issued: takeIssuedKey(request, id) };
  }

  private async find(id: string): Promise<OrganisationListRow> {
    const organisation = isUuid(id) ? await this.organisations.find(id) : null;
    if (!organisation) throw new NotFoundException();
    return organisation;
  }
}

function formPage(values: ReturnType<typeof readOrganisationForm>) {
  return {
    values,
    kindItems: options(KIND_LABELS, [values.kind]),
    sectorItems: [{ value: '', text: 'Choose a sector', selected: values.sector === '' }, ...options(SECTOR_LABELS, [values.sector])],
  };
}

function row(organisation: OrganisationListRow) {
  return {
    ...organisation,
    kindLabel: KIND_LABELS[organisation.kind],
    sectorLabel: SECTOR_LABELS[organisation.sector],
    created: formatTime(organisation.createdAt),
  };
}

/** e.g. "4 December 2026, 16:40 UTC": the console is used by operators in several places. */
export function formatTime(value: Date | string): string {
  const date = new Date(value);
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}
