import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CLASSIFIER_VERSION } from '@app/domain/understanding';
import { ClassifierModelRepository, type ClassifierModelRow, type StatusChange } from '@app/persistence';
import { Audience } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { ClassifierModelDto, ClassifierRegistryDto, ClassifierStatusChangeDto } from './classifier-model.dto';

const VERSION = /^clf-\d{1,3}\.\d{1,3}\.\d{1,3}(\+r[0-9a-f]{12})?$/;
const MAX_REASON = 500;

/** The model registry for the operator: what runs, what was trained and how it scored; activation and retirement by hand. */
@ApiTags('classifier')
@ApiBearerAuth()
@Controller('v1/classifier')
export class ClassifierController {
  constructor(private readonly models: ClassifierModelRepository) {}

  @Get()
  @Audience('admin')
  @ApiOkResponse({ type: ClassifierRegistryDto })
  async registry(): Promise<ClassifierRegistryDto> {
    const rows = await this.models.list();
    return {
      active: rows.find((row) => row.status === 'active') ?? null,
      candidates: rows.filter((row) => row.status === 'candidate'),
      retired: rows.filter((row) => row.status === 'retired'),
    };
  }

  @Post(':version/activate')
  @Audience('admin')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'version', example: 'clf-1.5.0+r3fa9c2d41b07' })
  @ApiBody({ type: ClassifierStatusChangeDto, required: false })
  @ApiOkResponse({ type: ClassifierModelDto, description: 'now active; the model it replaced is retired. Workers switch within CLASSIFIER_POLL_SECONDS.' })
  @ApiNotFoundResponse({ description: 'no such model' })
  @ApiConflictResponse({ description: 'already active, or made by other classifier code' })
  async activate(@Param('version') version: string, @Body() body: unknown): Promise<ClassifierModelDto> {
    const reason = parseReason(body) ?? 'activated by the operator';
    return answer(VERSION.test(version) ? await this.models.activate(version, CLASSIFIER_VERSION, { kind: 'admin' }, reason) : { ok: false, problem: 'not-found' });
  }

  @Post(':version/retire')
  @Audience('admin')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'version', example: 'clf-1.5.0+r3fa9c2d41b07' })
  @ApiBody({ type: ClassifierStatusChangeDto, required: false })
  @ApiOkResponse({ type: ClassifierModelDto })
  @ApiNotFoundResponse({ description: 'no such model' })
  @ApiConflictResponse({ description: 'the active model (activate another first) or already retired' })
  async retire(@Param('version') version: string, @Body() body: unknown): Promise<ClassifierModelDto> {
    const reason = parseReason(body) ?? 'retired by the operator';
    return answer(VERSION.test(version) ? await this.models.retire(version, { kind: 'admin' }, reason) : { ok: false, problem: 'not-found' });
  }
}

function answer(change: StatusChange): ClassifierModelRow {
  if (change.ok) return change.row;
  switch (change.problem) {
    case 'not-found':
      throw new ApiError(HttpStatus.NOT_FOUND, 'Classifier model not found');
    case 'already':
      throw new ApiError(HttpStatus.CONFLICT, 'The classifier model already has that status', [{ field: 'version', message: 'already has that status' }]);
    case 'incompatible':
      throw new ApiError(HttpStatus.CONFLICT, `The model was made by other classifier code than ${CLASSIFIER_VERSION}`, [{ field: 'version', message: 'cannot run on this release' }]);
    case 'active':
      throw new ApiError(HttpStatus.CONFLICT, 'The active model cannot be retired; activate another model instead', [{ field: 'version', message: 'is the active model' }]);
  }
}

/** The body is optional; when given it may only carry a short reason. */
function parseReason(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) throw new ValidationFailed([{ field: '(body)', message: 'must be a JSON object' }]);
  const details = Object.keys(body)
    .filter((key) => key !== 'reason')
    .map((field) => ({ field, message: 'is not a known field' }));
  const { reason } = body as { reason?: unknown };
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON)) details.push({ field: 'reason', message: `must be text of 1 to ${MAX_REASON} characters` });
  if (details.length > 0) throw new ValidationFailed(details, 'The request is not valid');
  return typeof reason === 'string' ? reason.trim() : undefined;
}
