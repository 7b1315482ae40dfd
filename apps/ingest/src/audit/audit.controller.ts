import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditRepository, type AuditQuery } from '@app/persistence';
import { Audience } from '../auth/principal';
import { ValidationFailed, type ErrorDetail } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { AuditPageDto } from './audit.dto';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1_000;
const KNOWN = new Set(['organisationId', 'action', 'before', 'limit']);

/** Who changed what, for the operator: every change to organisations, keys, contacts, rules and merges. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Audience('admin')
  @ApiQuery({ name: 'organisationId', required: false, description: 'only events about this organisation' })
  @ApiQuery({ name: 'action', required: false, example: 'dedup.merge' })
  @ApiQuery({ name: 'before', required: false, description: 'the previous page’s `next`' })
  @ApiQuery({ name: 'limit', required: false, description: `1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}` })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() raw: Record<string, unknown>): Promise<AuditPageDto> {
    const query = parseQuery(raw);
    const items = await this.audit.list(query);
    return { items, next: items.length === query.limit ? items[items.length - 1].id : null };
  }
}

function parseQuery(raw: Record<string, unknown>): AuditQuery {
  const details: ErrorDetail[] = Object.keys(raw)
    .filter((key) => !KNOWN.has(key))
    .map((field) => ({ field, message: 'is not a known parameter' }));
  const text = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') details.push({ field: name, message: 'must be given once' });
    return typeof value === 'string' ? value : undefined;
  };
  const organisationId = text('organisationId');
  if (organisationId !== undefined && !isUuid(organisationId)) details.push({ field: 'organisationId', message: 'must be a UUID' });
  const action = text('action');
  if (action !== undefined && !/^[a-z-]{1,50}(\.[a-z-]{1,50}){0,3}$/.test(action)) details.push({ field: 'action', message: 'must be a dotted action such as dedup.merge' });
  const before = text('before');
  if (before !== undefined && !/^[1-9]\d{0,17}$/.test(before)) details.push({ field: 'before', message: 'must be an event id' });
  const limitText = text('limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) details.push({ field: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` });
  if (details.length > 0) throw new ValidationFailed(details, 'The audit query is not valid');
  return { organisationId, action, before, limit };
}
