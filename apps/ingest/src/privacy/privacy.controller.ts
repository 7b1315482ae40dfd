import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Audience, CurrentPrincipal, Principal } from '../auth/principal';
import { ValidationFailed } from '../common/api-error';
import { ComplainantScope, resolveComplainantScope, seesAllBodies } from './complainant-scope';
import { ErasureService } from './erasure.service';
import { ErasureRequestDto, ErasureResultDto, SubjectAccessExportDto } from './privacy.dto';
import { SubjectAccessService } from './subject-access.service';

const REQUEST_FIELDS = new Set(['complainantId', 'organisationId']);

/** A person's rights over what is held about them: erasure (art. 17) and subject access (art. 15). */
@ApiTags('data protection')
@ApiBearerAuth()
@Controller('v1')
export class PrivacyController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly subjectAccess: SubjectAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('erasure')
  @Audience('admin-or-organisation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Erase every complaint of one person',
    description:
      'At the calling body; the Ombudsman or admin across all bodies (or one, with organisationId). Each complaint goes with its ' +
      'versions, classification, links, fingerprints, learning rollup contributions and deliveries; its duplicates are decided ' +
      'again. One audit row per complaint (ids and counts only). Erasing nobody answers 200 with erased 0.',
  })
  @ApiBody({ type: ErasureRequestDto })
  @ApiOkResponse({ type: ErasureResultDto })
  @ApiBadRequestResponse({ description: 'complainantId missing or without a valid scheme; organisationId not allowed or missing for local:' })
  async erase(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<ErasureResultDto> {
    const request = requestObject(body);
    return this.erasure.eraseComplainant(this.scope(principal, request.complainantId, request.organisationId), principal);
  }

  @Get('subject-access')
  @Audience('admin-or-organisation')
  @ApiOperation({
    summary: 'Export what is held about one person (JSON)',
    description: 'At the calling body; the Ombudsman or admin across all bodies (or one, with organisationId).',
  })
  @ApiQuery({ name: 'complainantId', required: true, description: '`nhs:…`, `email:…` or `local:…`' })
  @ApiQuery({ name: 'organisationId', required: false, description: 'Ombudsman/admin: one body (required for local:)' })
  @ApiOkResponse({ type: SubjectAccessExportDto })
  @ApiBadRequestResponse({ description: 'complainantId missing or without a valid scheme' })
  async export(
    @Query('complainantId') complainantId: unknown,
    @Query('organisationId') organisationId: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubjectAccessExportDto> {
    return this.subjectAccess.export(this.scope(principal, complainantId, organisationId), seesAllBodies(principal));
  }

  private scope(principal: Principal, complainantId: unknown, organisationId: unknown): ComplainantScope {
    const result = resolveComplainantScope(this.config.complainantHashSecret, principal, complainantId, organisationId);
    if (!result.ok) throw new ValidationFailed(result.details);
    return result.scope;
  }
}

function requestObject(body: unknown): { complainantId?: unknown; organisationId?: unknown } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationFailed([{ field: '(body)', message: 'the body must be {"complainantId": "scheme:value"}' }]);
  }
  const extra = Object.keys(body).filter((key) => !REQUEST_FIELDS.has(key));
  if (extra.length > 0) throw new ValidationFailed(extra.map((field) => ({ field: field.slice(0, 100), message: 'is not a known field' })));
  return body as { complainantId?: unknown; organisationId?: unknown };
}
