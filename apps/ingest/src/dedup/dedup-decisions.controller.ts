import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JobQueues } from '@app/contracts';
import { DecisionTarget, DedupDecisionRepository } from '@app/persistence';
import { auditActor } from '../auth/audit-actor';
import { Audience, CurrentPrincipal, isOmbudsman, OrganisationPrincipal } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { validateBody } from '../common/validate-body';
import { mergeSimilarity, unjustifiedMerge } from './manual-merge.rule';
import { MergeRequestDto, MergeResultDto, UnmergeResultDto } from './merge-request.dto';

/**
 * People overrule the automatic dedup; their decisions stick through reprocessing. Only the
 * body that owns both complaints may: the Ombudsman reads every body's data but rewrites none,
 * and every decision is audited.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'the Ombudsman is read-only on dedup decisions' })
@ApiNotFoundResponse({ description: 'no such complaint, or another body’s' })
@Controller('v1/complaints/:id')
export class DedupDecisionsController {
  constructor(
    private readonly decisions: DedupDecisionRepository,
    private readonly queues: JobQueues,
  ) {}

  @Post('unmerge')
  @Audience('organisation')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: UnmergeResultDto, description: 'processed again as an original' })
  async unmerge(@Param('id') id: string, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<UnmergeResultDto> {
    const target = await this.own(id, principal);
    if (target.status !== 'duplicate' || !target.duplicateOf) {
      throw new ApiError(HttpStatus.CONFLICT, 'Only a duplicate can be unmerged', [{ field: 'id', message: `status is ${target.status}` }]);
    }
    await this.decisions.unmerge(target, auditActor(principal));
    // If Redis is away the record waits as `received` and the re-drive queues it.
    await this.queues.addComplaints([{ complaintId: target.id, version: target.version }]).catch(() => undefined);
    return { id: target.id, status: 'received' };
  }

  @Post('merge')
  @Audience('organisation')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: MergeRequestDto })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiBadRequestResponse({ description: 'not the same body, the same complaint, or too dissimilar without a reason' })
  async merge(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<MergeResultDto> {
    const input = validateBody(MergeRequestDto, body);
    const target = await this.own(id, principal);
    const original = await this.own(input.into, principal);
    const root = original.status === 'duplicate' && original.duplicateOf ? original.duplicateOf : original.id;
    if (root === target.id) throw new ValidationFailed([{ field: 'into', message: 'a complaint cannot duplicate itself' }]);
    const similarity = mergeSimilarity(target.dedupText, original.dedupText);
    const unjustified = unjustifiedMerge(similarity, input.reason);
    if (unjustified) throw new ValidationFailed([unjustified], 'The merge needs a reason');
    await this.decisions.merge(target, root, { similarity, reason: input.reason }, auditActor(principal));
    return { id: target.id, status: 'duplicate', duplicateOf: root, similarity };
  }

  /** Only the owning body: another body's complaint answers as missing; the Ombudsman is refused outright. */
  private async own(id: string, principal: OrganisationPrincipal): Promise<DecisionTarget> {
    if (isOmbudsman(principal)) throw new ApiError(HttpStatus.FORBIDDEN, 'The Ombudsman may read dedup decisions but not change them');
    const found = isUuid(id) ? await this.decisions.find(id) : null;
    if (!found || found.organisationId !== principal.organisationId) throw new ApiError(HttpStatus.NOT_FOUND, 'Complaint not found');
    return found;
  }
}
