import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { validateReviewLabels } from '@app/domain/review';
import { auditActor } from '../auth/audit-actor';
import { Audience, CurrentPrincipal, isOmbudsman, OrganisationPrincipal } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { QueueItemDto, ReviewInputDto, ReviewQueueDto, ReviewViewDto } from './review.dto';
import { DEFAULT_QUEUE_LIMIT, MAX_QUEUE_LIMIT, ReviewsService } from './reviews.service';

/** Human labels that win over the model's, and the queue of complaints most worth reviewing (docs/reviews.md). */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('v1')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Put('complaints/:id/review')
  @Audience('organisation')
  @ApiOperation({
    summary: "Review a complaint's labels",
    description:
      'The owning body, or the Ombudsman for any body. The reviewed themes and severity replace the model\'s everywhere: ' +
      'routing (new deliveries only, nothing sent twice), digests, learning figures and rising themes. Survives reclassification.',
  })
  @ApiBody({ type: ReviewInputDto })
  @ApiOkResponse({ type: ReviewViewDto })
  @ApiBadRequestResponse({ description: 'details name each field at fault (themes[i], severity, note)' })
  @ApiNotFoundResponse({ description: "no such complaint, or another body's" })
  @ApiConflictResponse({ description: 'the complaint is not classified yet' })
  async put(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<ReviewViewDto> {
    if (!isUuid(id)) throw new ApiError(HttpStatus.NOT_FOUND, 'Complaint not found');
    const validated = validateReviewLabels(body);
    if (!validated.ok) throw new ValidationFailed(validated.errors, 'The review is not valid');
    const reviewer = { organisationId: principal.organisationId, isOmbudsman: isOmbudsman(principal), keyId: principal.keyId };
    const { review } = await this.reviews.put(id, reviewer, validated.labels, auditActor(principal));
    return review;
  }

  @Delete('complaints/:id/review')
  @Audience('organisation')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Remove a review: the model's labels apply again, recomputed the same way" })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiNotFoundResponse({ description: "no such complaint or review, or another body's" })
  async remove(@Param('id') id: string, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<void> {
    if (!isUuid(id)) throw new ApiError(HttpStatus.NOT_FOUND, 'Review not found');
    await this.reviews.remove(id, { organisationId: principal.organisationId, isOmbudsman: isOmbudsman(principal) }, auditActor(principal));
  }

  @Get('reviews/queue')
  @Audience('organisation')
  @ApiOperation({ summary: 'Processed, unreviewed complaints, least certain labels first (a body its own; the Ombudsman all)' })
  @ApiQuery({ name: 'limit', required: false, description: `1–${MAX_QUEUE_LIMIT}, default ${DEFAULT_QUEUE_LIMIT}` })
  @ApiOkResponse({ type: ReviewQueueDto })
  async queue(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<{ items: QueueItemDto[] }> {
    const unknown = Object.keys(query).filter((key) => key !== 'limit');
    if (unknown.length > 0) throw new ValidationFailed(unknown.map((key) => ({ field: key.slice(0, 100), message: 'is not a parameter of the review queue' })), 'The query is not valid');
    const raw = query.limit;
    const limit = raw === undefined ? DEFAULT_QUEUE_LIMIT : typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUEUE_LIMIT) {
      throw new ValidationFailed([{ field: 'limit', message: `must be a whole number 1–${MAX_QUEUE_LIMIT}` }], 'The query is not valid');
    }
    return { items: await this.reviews.queue({ organisationId: principal.organisationId, isOmbudsman: isOmbudsman(principal) }, limit) };
  }
}
