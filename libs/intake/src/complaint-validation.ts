import { validateSync, ValidationError } from 'class-validator';
import type { ComplaintRecord } from '@app/domain';
import { parseComplainantId, type ComplainantId } from '@app/domain/dedup';
import type { FieldError } from './intake-errors';
import { COMPLAINT_FIELDS, ComplaintRecordDto } from './complaint-record.dto';

/** What validation hands on: the record in domain form, plus the parsed identifier to hash. */
export interface ValidRecord {
  record: ComplaintRecord;
  complainantId?: ComplainantId;
}

export type RecordValidation = { ok: true; value: ValidRecord } | { ok: false; details: FieldError[] };

const KNOWN_FIELDS = new Set<string>(COMPLAINT_FIELDS);
// A clock skew allowance so a body's server a little ahead of ours is not refused.
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** Validates one submitted record; every problem names its field and the reason. */
export function validateComplaintRecord(raw: unknown, now: Date = new Date()): RecordValidation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, details: [{ field: '(record)', message: 'a record must be a JSON object' }] };
  }
  const details = unknownFieldErrors(raw as Record<string, unknown>);
  // Only known fields are copied: class-transformer would recurse into arbitrarily deep input.
  const dto = Object.assign(new ComplaintRecordDto(), knownFields(raw as Record<string, unknown>));
  const errors = validateSync(dto, { forbidUnknownValues: true, stopAtFirstError: true, validationError: { target: false, value: false } });
  details.push(...errors.flatMap(toDetails));
  if (details.length === 0) details.push(...dateRuleErrors(dto, now));
  // Checked beside the other fields' errors (one answer names every bad field), once it is a string of a valid length.
  const complainantChecked = typeof dto.complainantId === 'string' && !details.some((d) => d.field === 'complainantId');
  const complainant = complainantChecked ? parseComplainantId(dto.complainantId as string) : undefined;
  if (complainant && !complainant.ok) details.push({ field: 'complainantId', message: complainant.message });
  if (details.length > 0) return { ok: false, details };
  return { ok: true, value: toValidRecord(dto, complainant?.ok ? complainant.id : undefined) };
}

function knownFields(raw: Record<string, unknown>): Partial<ComplaintRecordDto> {
  return Object.fromEntries(COMPLAINT_FIELDS.filter((field) => Object.hasOwn(raw, field)).map((field) => [field, raw[field]]));
}

function unknownFieldErrors(raw: Record<string, unknown>): FieldError[] {
  return Object.keys(raw)
    .filter((key) => !KNOWN_FIELDS.has(key))
    .map((key) => ({ field: key.slice(0, 100), message: 'is not a known field of a complaint record' }));
}

function toDetails(error: ValidationError): FieldError[] {
  const messages = Object.values(error.constraints ?? {});
  return messages.map((message) => ({ field: error.property, message }));
}

function dateRuleErrors(dto: ComplaintRecordDto, now: Date): FieldError[] {
  const details: FieldError[] = [];
  const received = Date.parse(dto.receivedAt);
  // Some ISO 8601 forms (week dates, ordinal dates) pass the format check but are not dates here.
  if (Number.isNaN(received)) return [{ field: 'receivedAt', message: 'receivedAt must be a calendar date such as 2026-10-01 or 2026-10-01T09:30:00Z' }];
  if (dto.closedAt !== undefined && Number.isNaN(Date.parse(dto.closedAt))) {
    return [{ field: 'closedAt', message: 'closedAt must be a calendar date such as 2026-10-01 or 2026-10-01T09:30:00Z' }];
  }
  if (received > now.getTime() + FUTURE_TOLERANCE_MS) {
    details.push({ field: 'receivedAt', message: 'receivedAt must not be in the future' });
  }
  if (dto.closedAt !== undefined && Date.parse(dto.closedAt) < received) {
    details.push({ field: 'closedAt', message: 'closedAt must not be before receivedAt' });
  }
  return details;
}

function toValidRecord(dto: ComplaintRecordDto, complainantId: ComplainantId | undefined): ValidRecord {
  return {
    record: {
      reference: dto.reference,
      receivedAt: new Date(dto.receivedAt),
      closedAt: dto.closedAt === undefined ? undefined : new Date(dto.closedAt),
      serviceArea: dto.serviceArea.trim(),
      channel: dto.channel,
      stage: dto.stage ?? 'local',
      summary: dto.summary,
      outcome: dto.outcome,
      learning: dto.learning,
      remedies: [...new Set(dto.remedies ?? [])],
    },
    complainantId,
  };
}
