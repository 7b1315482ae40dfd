import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { COMPLAINT_STATUSES, SEVERITIES, THEME_IDS } from '@app/domain';
import { COMPLAINT_LIST_DEFAULT_LIMIT, COMPLAINT_LIST_MAX_LIMIT, ComplaintListRepository, type ComplaintListRow } from '@app/persistence';
import { Audience, CurrentPrincipal, isOmbudsman, OrganisationPrincipal } from '../auth/principal';
import { ComplaintListItemDto, ComplaintListPageDto } from './complaint-list.dto';
import { parseComplaintListQuery } from './complaint-list.query';

/** `GET /v1/complaints`: a body's own complaints, or every body's for the Ombudsman, newest received first. */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('v1/complaints')
export class ComplaintListController {
  constructor(private readonly complaints: ComplaintListRepository) {}

  @Get()
  @Audience('organisation')
  @ApiOperation({
    summary: 'List complaints, newest received first',
    description:
      'A public body sees its own complaints; the Ombudsman sees every body’s and may narrow to one with `organisationId`. ' +
      'Ordered by receivedAt descending, then id descending; pages continue from an opaque cursor (keyset), so complaints ' +
      'arriving between pages are never repeated or skipped among those already ordered below the cursor. Filters combine with AND.',
  })
  @ApiQuery({ name: 'status', required: false, enum: COMPLAINT_STATUSES, description: '`failed` items carry `failure.reason`' })
  @ApiQuery({ name: 'theme', required: false, enum: THEME_IDS, description: 'complaints classified with this theme (one of several is enough)' })
  @ApiQuery({ name: 'severity', required: false, enum: SEVERITIES })
  @ApiQuery({ name: 'serviceArea', required: false, description: 'the whole service area, case-insensitive', example: 'Maternity' })
  @ApiQuery({ name: 'from', required: false, description: 'receivedAt on or after: YYYY-MM-DD (midnight UTC) or an ISO 8601 date-time with a zone', example: '2026-10-01' })
  @ApiQuery({ name: 'to', required: false, description: 'receivedAt before (exclusive), same forms as `from`', example: '2026-11-01' })
  @ApiQuery({ name: 'reference', required: false, description: 'case-insensitive prefix of the body’s reference; a whole reference finds that complaint (and any whose reference extends it)', example: 'CMP-2026-' })
  @ApiQuery({ name: 'organisationId', required: false, description: 'Ombudsman only: one body’s complaints' })
  @ApiQuery({ name: 'cursor', required: false, description: 'the previous page’s `nextCursor`' })
  @ApiQuery({ name: 'limit', required: false, description: `1–${COMPLAINT_LIST_MAX_LIMIT}, default ${COMPLAINT_LIST_DEFAULT_LIMIT}` })
  @ApiOkResponse({ type: ComplaintListPageDto })
  @ApiBadRequestResponse({ description: 'a parameter is unknown, repeated or not valid; `details[].field` names it' })
  async list(@Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<ComplaintListPageDto> {
    const ombudsman = isOmbudsman(principal);
    const query = parseComplaintListQuery(raw, ombudsman);
    const page = await this.complaints.list({ organisationId: principal.organisationId, isOmbudsman: ombudsman }, query);
    return { items: page.items.map(itemView), nextCursor: page.nextCursor };
  }
}

function itemView(row: ComplaintListRow): ComplaintListItemDto {
  const item: ComplaintListItemDto = {
    id: row.id,
    organisationId: row.organisationId,
    reference: row.reference,
    status: row.status,
    receivedAt: new Date(row.receivedAt).toISOString(),
    serviceArea: row.serviceArea,
    outcome: row.outcome,
    severity: row.severity,
    themes: row.themes,
    duplicateOf: row.duplicateOf,
  };
  if (row.failure) item.failure = { reason: row.failure.reason, failedAt: new Date(row.failure.failedAt).toISOString(), attempts: row.failure.attempts };
  return item;
}
