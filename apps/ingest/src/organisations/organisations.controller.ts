import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { OrganisationRepository } from '@app/persistence';
import { Audience, CurrentPrincipal, Principal } from '../auth/principal';
import { generateApiKey } from '../auth/api-keys';
import { ApiError } from '../common/api-error';
import { validateBody } from '../common/validate-body';
import { isUuid } from '../common/uuid';
import { CreateContactDto, CreatedContactDto, CreatedOrganisationDto, CreateOrganisationDto } from './organisation.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationRepository) {}

  @Post()
  @Audience('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiBody({ type: CreateOrganisationDto })
  @ApiCreatedResponse({ type: CreatedOrganisationDto })
  async create(@Body() body: unknown): Promise<CreatedOrganisationDto> {
    const input = validateBody(CreateOrganisationDto, body);
    const key = generateApiKey();
    const created = await this.organisations.create({ ...input, apiKeyHash: key.hash, apiKeyPrefix: key.prefix });
    return { id: created.id, apiKey: key.key };
  }

  @Post(':id/contacts')
  @Audience('admin-or-organisation')
  @HttpCode(HttpStatus.CREATED)
  @ApiBody({ type: CreateContactDto })
  @ApiCreatedResponse({ type: CreatedContactDto })
  async addContact(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<CreatedContactDto> {
    const ownOrganisation = principal.type === 'organisation' && principal.organisationId === id;
    // Another organisation's id answers exactly like a missing one: ids are not an oracle.
    if (!isUuid(id) || (principal.type !== 'admin' && !ownOrganisation) || !(await this.organisations.exists(id))) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'Organisation not found');
    }
    const input = validateBody(CreateContactDto, body);
    const contact = await this.organisations.addContact({
      organisationId: id,
      name: input.name,
      email: input.email,
      serviceAreas: input.serviceAreas ?? [],
      themes: input.themes ?? [],
      digest: input.digest,
    });
    if (!contact) throw new ApiError(HttpStatus.CONFLICT, 'A contact with this email already exists for the organisation', [{ field: 'email', message: 'already registered' }]);
    return { id: contact.id };
  }
}
