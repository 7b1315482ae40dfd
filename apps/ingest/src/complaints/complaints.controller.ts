import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audience, CurrentPrincipal, isOmbudsman, OrganisationPrincipal, Principal } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { BatchResultDto, ComplaintIntakeService, ComplaintRecordDto, CSV_LIMITS, CsvFileRejected, IntakeItem, parseComplaintCsv, SubmitResultDto } from '@app/intake';
import { ComplaintViewDto } from './complaint-view.dto';
import { ComplaintReader } from '@app/persistence/complaints';
import { ErasureService } from '../privacy/erasure.service';

export const MAX_BATCH_ITEMS = 1000;

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(
    private readonly intake: ComplaintIntakeService,
    private readonly reader: ComplaintReader,
    private readonly erasure: ErasureService,
  ) {}

  @Post()
  @Audience('organisation')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBody({ type: ComplaintRecordDto })
  @ApiAcceptedResponse({ type: SubmitResultDto })
  async submitOne(@Body() body: unknown, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<SubmitResultDto> {
    const result = await this.intake.submitOne(principal.organisationId, body);
    if (!result.ok) throw new ValidationFailed(result.details, 'The complaint record is not valid');
    return { id: result.id, status: result.status };
  }

  @Post('batch')
  @Audience('organisation')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBody({ schema: { type: 'object', properties: { items: { type: 'array', maxItems: MAX_BATCH_ITEMS, items: { $ref: '#/components/schemas/ComplaintRecordDto' } } } } })
  @ApiAcceptedResponse({ type: BatchResultDto })
  async submitBatch(@Body() body: unknown, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<BatchResultDto> {
    const items = batchItems(body);
    const result = await this.intake.submit(principal.organisationId, items, 'batch');
    return { accepted: result.accepted.map(({ index, id }) => ({ index, id })), rejected: result.rejected };
  }

  @Post('csv')
  @Audience('organisation')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', description: 'header row of field names; remedies separated by ";"' } })
  @ApiAcceptedResponse({ type: BatchResultDto })
  async submitCsv(@Body() body: unknown, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<BatchResultDto> {
    if (typeof body !== 'string') throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Send the file with Content-Type: text/csv');
    // The batch limit applies to files too, counted while parsing (see CSV_LIMITS).
    const rows = parseCsvOrRefuse(body);
    const items: IntakeItem[] = rows.map((row) => ('raw' in row ? { index: row.index, raw: row.raw } : row));
    const result = await this.intake.submit(principal.organisationId, items, 'csv');
    return { accepted: result.accepted.map(({ index, id }) => ({ index, id })), rejected: result.rejected };
  }

  @Get(':id')
  @Audience('organisation')
  @ApiOkResponse({ type: ComplaintViewDto })
  async findOne(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ComplaintViewDto> {
    const viewer = principal as OrganisationPrincipal;
    const view = isUuid(id) ? await this.reader.read(id, { organisationId: viewer.organisationId, isOmbudsman: isOmbudsman(principal) }) : null;
    if (!view) throw new ApiError(HttpStatus.NOT_FOUND, 'Complaint not found');
    return view;
  }

  @Delete(':id')
  @Audience('admin-or-organisation')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Erase one complaint (UK GDPR art. 17)',
    description:
      'The owning body or the admin. Removes the complaint, its versions, classification, links, fingerprints, learning rollup ' +
      'contributions and deliveries; complaints marked duplicates of it are decided again. Audited (ids and counts only).',
  })
  @ApiNoContentResponse({ description: 'erased' })
  @ApiNotFoundResponse({ description: 'no such complaint, or another body\'s' })
  async erase(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    const erased = isUuid(id) && (await this.erasure.eraseComplaint(id, principal));
    if (!erased) throw new ApiError(HttpStatus.NOT_FOUND, 'Complaint not found');
  }
}

function batchItems(body: unknown): IntakeItem[] {
  const items = (body as { items?: unknown } | null)?.items;
  if (body === null || typeof body !== 'object' || !Array.isArray(items)) {
    throw new ValidationFailed([{ field: 'items', message: 'the body must be {"items": [...]}' }]);
  }
  const extra = Object.keys(body).filter((key) => key !== 'items');
  if (extra.length > 0) throw new ValidationFailed(extra.map((field) => ({ field, message: 'is not a known field' })));
  if (items.length === 0 || items.length > MAX_BATCH_ITEMS) {
    throw new ValidationFailed([{ field: 'items', message: `must hold between 1 and ${MAX_BATCH_ITEMS} records` }]);
  }
  return items.map((raw, index) => ({ index, raw }));
}

/** A file the intake cannot read as a whole is this door's 400, naming the problem. */
function parseCsvOrRefuse(body: string) {
  try {
    return parseComplaintCsv(body, { ...CSV_LIMITS, maxRows: MAX_BATCH_ITEMS });
  } catch (error) {
    if (error instanceof CsvFileRejected) throw new ValidationFailed(error.details, error.message);
    throw error;
  }
}
