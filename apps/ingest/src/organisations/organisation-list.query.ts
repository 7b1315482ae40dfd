import { ORGANISATION_KINDS, SECTORS, type OrganisationKind, type Sector } from '@app/domain';
import { ORGANISATION_LIST_DEFAULT_LIMIT, ORGANISATION_LIST_MAX_LIMIT, parseOrganisationListCursor, type OrganisationListQuery } from '@app/persistence';
import { ValidationFailed, type ErrorDetail } from '../common/api-error';

const PARAMETERS = ['kind', 'sector', 'cursor', 'limit'];

/** Parses the query string of `GET /v1/organisations`; every problem is named by its parameter. */
export function parseOrganisationListQuery(raw: Record<string, unknown>): OrganisationListQuery {
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(raw)) if (!PARAMETERS.includes(key)) details.push({ field: key, message: 'is not a known parameter' });
  const text = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined || typeof value === 'string') return value;
    details.push({ field: name, message: 'must be given once' });
    return undefined;
  };
  const kind = text('kind');
  if (kind !== undefined && !ORGANISATION_KINDS.includes(kind as OrganisationKind)) details.push({ field: 'kind', message: `must be one of ${ORGANISATION_KINDS.join(', ')}` });
  const sector = text('sector');
  if (sector !== undefined && !SECTORS.includes(sector as Sector)) details.push({ field: 'sector', message: `must be one of ${SECTORS.join(', ')}` });
  const cursorText = text('cursor');
  const after = cursorText === undefined ? undefined : (parseOrganisationListCursor(cursorText) ?? undefined);
  if (cursorText !== undefined && !after) details.push({ field: 'cursor', message: 'must be a nextCursor returned by this endpoint' });
  const limitText = text('limit');
  const limit = limitText === undefined ? ORGANISATION_LIST_DEFAULT_LIMIT : /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= ORGANISATION_LIST_MAX_LIMIT)) details.push({ field: 'limit', message: `must be an integer from 1 to ${ORGANISATION_LIST_MAX_LIMIT}` });
  if (details.length > 0) throw new ValidationFailed(details, 'The organisation list query is not valid');
  return { kind: kind as OrganisationKind | undefined, sector: sector as Sector | undefined, after, limit };
}
