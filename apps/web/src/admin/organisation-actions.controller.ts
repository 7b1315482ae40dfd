import { Body, Controller, Get, NotFoundException, Param, Post, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyRepository, OrganisationRepository, type ApiKeySummary, type OrganisationListRow } from '@app/persistence';
import { MAX_ACTIVE_KEYS, OrganisationAdministration, OrganisationSuspension } from '@app/persistence/administration';
import { WebAudience } from '../auth/web-audience.decorator';
import { formText, isUuid, setIssuedKey, setNotice } from './admin-flash';
import { formatTime } from './organisations-page.controller';

const ADMIN = { kind: 'admin' } as const;

/**
 * What the operator does to one organisation: issue and revoke API keys, suspend and
 * reinstate. The same services as the admin API, audited as `{kind: 'admin'}`; a revocation
 * or suspension reaches every ingest replica at once (the same invalidation message).
 */
@ApiExcludeController()
@Controller('admin/organisations/:id')
@WebAudience('operator')
export class OrganisationActionsController {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly keys: ApiKeyRepository,
    private readonly administration: OrganisationAdministration,
    private readonly suspension: OrganisationSuspension,
  ) {}

  @Post('api-keys')
  async issue(@Req() request: FastifyRequest, @Param('id') id: string, @Res() reply: FastifyReply) {
    const organisation = await this.find(id);
    const issued = await this.administration.issueKey(organisation.id, ADMIN);
    if (issued.kind === 'too-many-keys') {
      setNotice(request, `${organisation.name} already holds ${MAX_ACTIVE_KEYS} active keys: revoke one before issuing another`);
      return reply.redirect(`/admin/organisations/${organisation.id}`, 303);
    }
    setIssuedKey(request, { organisationId: organisation.id, keyId: issued.id, apiKey: issued.apiKey, newOrganisation: false });
    return reply.redirect(`/admin/organisations/${organisation.id}/key`, 303);
  }

  @Get('api-keys/:keyId/revoke')
  @Render('admin/key-revoke.njk')
  async confirmRevoke(@Param('id') id: string, @Param('keyId') keyId: string) {
    const organisation = await this.find(id);
    return { organisation, key: await this.findKey(organisation.id, keyId) };
  }

  @Post('api-keys/:keyId/revoke')
  async revoke(@Req() request: FastifyRequest, @Param('id') id: string, @Param('keyId') keyId: string, @Res() reply: FastifyReply) {
    const organisation = await this.find(id);
    const key = await this.findKey(organisation.id, keyId);
    if (!(await this.administration.revokeKey(organisation.id, key.id, ADMIN))) throw new NotFoundException();
    setNotice(request, `Key ${key.prefix}… is revoked: requests with it are refused from now on`);
    return reply.redirect(`/admin/organisations/${organisation.id}`, 303);
  }

  @Get('suspension')
  @Render('admin/suspension.njk')
  async confirmSuspension(@Param('id') id: string) {
    return { organisation: await this.find(id) };
  }

  @Post('suspension')
  async setSuspension(@Req() request: FastifyRequest, @Param('id') id: string, @Body() form: Record<string, unknown>, @Res() reply: FastifyReply) {
    const organisation = await this.find(id);
    // The form says which way; a stale page (already in that state) changes nothing and is not audited.
    const action = formText(form ?? {}, 'action');
    if (action !== 'suspend' && action !== 'reinstate') return reply.redirect(`/admin/organisations/${organisation.id}`, 303);
    const suspended = action === 'suspend';
    if (!(await this.suspension.set(organisation.id, suspended, ADMIN))) throw new NotFoundException();
    setNotice(request, suspended ? `${organisation.name} is suspended` : `${organisation.name} is reinstated`);
    return reply.redirect(`/admin/organisations/${organisation.id}`, 303);
  }

  private async find(id: string): Promise<OrganisationListRow> {
    const organisation = isUuid(id) ? await this.organisations.find(id) : null;
    if (!organisation) throw new NotFoundException();
    return organisation;
  }

  private async findKey(organisationId: string, keyId: string): Promise<ApiKeySummary & { created: string }> {
    const key = isUuid(keyId) ? (await this.keys.list(organisationId)).find((candidate) => candidate.id === keyId) : undefined;
    if (!key) throw new NotFoundException();
    return { ...key, created: formatTime(key.createdAt) };
  }
}
