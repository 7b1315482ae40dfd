import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JobQueues } from '@app/contracts';
import { DecisionTarget, DedupDecisionRepository } from '@app/persistence';
import { Audience, CurrentPrincipal, isOmbudsman, OrganisationPrincipal } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid';

/** People overrule the automatic dedup; their decisions stick through reprocessing. */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('v1/complaints/:id')
export class DedupDecisionsController {
  constructor(
    private readonly decisions: DedupDecisionRepository,
    private readonly queues: JobQueues,
  ) {}

  @Post('unmerge')
  @Audience('organisation')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOkResponse({ description: '{id, status: "received"}: processed again as an original' })
  async unmerge(@Param('id') id: string, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<{ id: string; status: string }> {
    const target = await this.visible(id, principal);
    if (target.status !== 'duplicate' || !target.duplicateOf) {
      throw new ApiError(HttpStatus.CONFLICT, 'Only a duplicate can be unmerged', [{ field: 'id', message: `status is ${target.status}` }]);
    }
    await this.decisions.unmerge(target, principal.organisationId);
    // If Redis is away the record waits as `received` and the re-drive queues it.
    await this.queues.addComplaints([{ complaintId: target.id, version: target.version }]).catch(() => undefined);
    return { id: target.id, status: 'received' };
  }

  @Post('merge')
  @Audience('organisation')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ schema: { type: 'object', required: ['into'], properties: { into: { type: 'string', format: 'uuid' } } } })
  async merge(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: OrganisationPrincipal,
  ): Promise<{ id: string; status: string; duplicateOf: string }> {
    const into = (body as { into?: unknown } | null)?.into;
    if (typeof into !== 'string' || !isUuid(into) || Object.keys(body as object).length !== 1) {
      throw new ValidationFailed([{ field: 'into', message: 'into must be the id of the complaint this one duplicates' }]);
    }
    const target = await this.visible(id, principal);
    const original = await this.visible(into, principal);
    const root = original.status === 'duplicate' && original.duplicateOf ? original.duplicateOf : original.id;
    if (root === target.id) throw new ValidationFailed([{ field: 'into', message: 'a complaint cannot duplicate itself' }]);
    if (original.organisationId !== target.organisationId) {
      throw new ValidationFailed([{ field: 'into', message: 'duplicates belong to one organisation; link other bodies’ cases as related' }]);
    }
    await this.decisions.merge(target, root, principal.organisationId);
    return { id: target.id, status: 'duplicate', duplicateOf: root };
  }

  private async visible(id: string, principal: OrganisationPrincipal): Promise<DecisionTarget> {
    const found = isUuid(id) ? await this.decisions.find(id) : null;
    if (!found || (found.organisationId !== principal.organisationId && !isOmbudsman(principal))) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'Complaint not found');
    }
    return found;
  }
}
