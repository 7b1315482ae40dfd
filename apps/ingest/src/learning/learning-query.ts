import { SECTORS, type Sector } from '@app/domain';
import { addDays, learningDay } from '@app/domain/learning';
import type { DayRange } from '@app/persistence';
import { ValidationFailed } from '../common/api-error';
import type { ErrorDetail } from '../common/api-error';
import { isUuid } from '../common/uuid';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 3 * 366;

/** Which clock a period is counted by: when the complaint reached this service, or when the body received it. */
export type LearningBasis = 'arrival' | 'received';
export const LEARNING_BASES: readonly LearningBasis[] = ['arrival', 'received'];

export interface LearningQuery extends DayRange {
  sector?: Sector;
  organisationId?: string;
  /** Set only when `basis` is an allowed parameter; the caller picks the default. */
  basis?: LearningBasis;
}

/** Parses `from`, `to`, `sector`, `organisationId`; refuses unknown parameters by name. */
export function parseLearningQuery(raw: Record<string, unknown>, allowed: string[], today = learningDay(new Date())): LearningQuery {
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) details.push({ field: key, message: 'is not a known parameter' });
  const day = (name: 'from' | 'to'): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      details.push({ field: name, message: `${name} must be a date YYYY-MM-DD` });
      return undefined;
    }
    return value;
  };
  let from = day('from');
  let to = day('to');
  // Default: the last 30 days, today included; `to` is exclusive.
  to ??= from ? addDays(from, DEFAULT_DAYS) : addDays(today, 1);
  from ??= addDays(to, -DEFAULT_DAYS);
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (details.length === 0 && !(span >= 1)) details.push({ field: 'to', message: 'to must be after from' });
  if (span > MAX_DAYS) details.push({ field: 'from', message: `a range may span at most ${MAX_DAYS} days` });
  const sector = raw.sector;
  if (sector !== undefined && !SECTORS.includes(sector as Sector)) details.push({ field: 'sector', message: `sector must be one of ${SECTORS.join(', ')}` });
  const organisationId = raw.organisationId;
  if (organisationId !== undefined && (typeof organisationId !== 'string' || !isUuid(organisationId))) {
    details.push({ field: 'organisationId', message: 'organisationId must be a uuid' });
  }
  const basis = raw.basis;
  if (basis !== undefined && !LEARNING_BASES.includes(basis as LearningBasis)) details.push({ field: 'basis', message: `basis must be one of ${LEARNING_BASES.join(', ')}` });
  if (details.length > 0) throw new ValidationFailed(details, 'The query is not valid');
  return { from, to, sector: sector as Sector | undefined, organisationId: organisationId as string | undefined, basis: basis as LearningBasis | undefined };
}

/** The range of the same length just before. */
export function previousRange(range: DayRange): DayRange {
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000);
  return { from: addDays(range.from, -days), to: range.from };
}

