import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyRepository, OrganisationRepository } from '@app/persistence';
import { MAX_ACTIVE_KEYS, OrganisationAdministration } from '@app/persistence/administration';
import { auditActor } from '../auth/audit-actor';
import { Audience, CurrentPrincipal, Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { ApiKeyDto, IssuedApiKeyDto } from './api-key.dto';
import { assertManages } from './organisation-access';

/** Rotation and revocation: an organisation holds several keys at once, so it can switch without downtime. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations/:id/api-keys')
export class ApiKeysController {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly keys: ApiKeyRepository,
    private readonly administration: OrganisationAdministration,
  ) {}

  @Post()
  @Audience('admin-or-organisation')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: IssuedApiKeyDto, description: 'a new key; the others keep working until revoked' })
  @ApiConflictResponse({ description: `the organisation already holds ${MAX_ACTIVE_KEYS} active keys` })
  @ApiNotFoundResponse({ description: 'no such organisation, or another organisation’s' })
  async issue(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<IssuedApiKeyDto> {
    await assertManages(principal, id, this.organisations);
    const issued = await this.administration.issueKey(id, auditActor(principal));
    if (issued.kind === 'too-many-keys') throw new ApiError(HttpStatus.CONFLICT, `An organisation holds at most ${MAX_ACTIVE_KEYS} active keys: revoke one first`);
    return { id: issued.id, apiKey: issued.apiKey };
  }

  @Get()
  @Audience('admin-or-organisation')
  @ApiOkResponse({ type: [ApiKeyDto], description: 'every key, active and revoked, oldest first; never the secret' })
  @ApiNotFoundResponse({ description: 'no such organisation, or another organisation’s' })
  async list(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ApiKeyDto[]> {
    await assertManages(principal, id, this.organisations);
    return this.keys.list(id);
  }

  @Delete(':keyId')
  @Audience('admin-or-organisation')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'revoked: refused with 401 from the next request, on every ingest replica' })
  @ApiNotFoundResponse({ description: 'no such key for this organisation' })
  async revoke(@Param('id') id: string, @Param('keyId') keyId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await assertManages(principal, id, this.organisations);
    if (!isUuid(keyId) || !(await this.administration.revokeKey(id, keyId, auditActor(principal)))) throw new ApiError(HttpStatus.NOT_FOUND, 'API key not found');
  }
}
