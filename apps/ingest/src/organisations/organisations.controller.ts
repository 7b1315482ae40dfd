import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ORGANISATION_KINDS, SECTORS } from '@app/domain';
import { ORGANISATION_LIST_DEFAULT_LIMIT, ORGANISATION_LIST_MAX_LIMIT, OrganisationRepository } from '@app/persistence';
import { OrganisationAdministration, OrganisationSuspension } from '@app/persistence/administration';
import { auditActor } from '../auth/audit-actor';
import { Audience, CurrentPrincipal, isOmbudsman, Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { validateBody } from '../common/validate-body';
import { isUuid } from '../common/uuid';
import {
  CreateContactDto,
  CreatedContactDto,
  CreatedOrganisationDto,
  CreateOrganisationDto,
  OrganisationListDto,
  OrganisationStateDto,
  UpdateOrganisationDto,
} from './organisation.dto';
import { assertManages } from './organisation-access';
import { parseOrganisationListQuery } from './organisation-list.query';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly suspension: OrganisationSuspension,
    private readonly administration: OrganisationAdministration,
  ) {}

  @Post()
  @Audience('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiBody({ type: CreateOrganisationDto })
  @ApiCreatedResponse({ type: CreatedOrganisationDto })
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<CreatedOrganisationDto> {
    const input = validateBody(CreateOrganisationDto, body);
    const created = await this.administration.create(input, auditActor(principal));
    return { id: created.id, apiKey: created.apiKey };
  }

  @Get()
  @Audience('admin-or-organisation')
  @ApiQuery({ name: 'kind', required: false, enum: ORGANISATION_KINDS })
  @ApiQuery({ name: 'sector', required: false, enum: SECTORS })
  @ApiQuery({ name: 'cursor', required: false, description: 'the previous page’s `nextCursor`' })
  @ApiQuery({ name: 'limit', required: false, description: `1–${ORGANISATION_LIST_MAX_LIMIT}, default ${ORGANISATION_LIST_DEFAULT_LIMIT}` })
  @ApiOkResponse({ type: OrganisationListDto, description: 'by name, then id; the admin and the Ombudsman only' })
  @ApiBadRequestResponse({ description: 'a parameter is unknown, repeated or not valid; `details[].field` names it' })
  @ApiForbiddenResponse({ description: 'a public body' })
  async list(@Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<OrganisationListDto> {
    if (principal.type !== 'admin' && !isOmbudsman(principal)) throw new ApiError(HttpStatus.FORBIDDEN, 'Only the admin and the Ombudsman may list organisations');
    const page = await this.organisations.list(parseOrganisationListQuery(raw));
    return {
      items: page.items.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() })),
      nextCursor: page.nextCursor,
    };
  }

  @Patch(':id')
  @Audience('admin')
  @ApiBody({ type: UpdateOrganisationDto })
  @ApiOkResponse({ type: OrganisationStateDto, description: 'a suspended organisation’s requests get 403; its complaints wait, unprocessed, until it is reinstated' })
  @ApiNotFoundResponse({ description: 'no such organisation' })
  async update(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<OrganisationStateDto> {
    const input = validateBody(UpdateOrganisationDto, body);
    if (!isUuid(id) || !(await this.suspension.set(id, input.suspended, auditActor(principal)))) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'Organisation not found');
    }
    return { id, suspended: input.suspended };
  }

  @Post(':id/contacts')
  @Audience('admin-or-organisation')
  @HttpCode(HttpStatus.CREATED)
  @ApiBody({ type: CreateContactDto })
  @ApiCreatedResponse({ type: CreatedContactDto })
  async addContact(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<CreatedContactDto> {
    await assertManages(principal, id, this.organisations);
    const input = validateBody(CreateContactDto, body);
    const contact = await this.organisations.addContact(
      {
        organisationId: id,
        name: input.name,
        email: input.email,
        serviceAreas: input.serviceAreas ?? [],
        themes: input.themes ?? [],
        digest: input.digest,
      },
      auditActor(principal),
    );
    if (!contact) throw new ApiError(HttpStatus.CONFLICT, 'A contact with this email already exists for the organisation', [{ field: 'email', message: 'already registered' }]);
    return { id: contact.id };
  }
}
