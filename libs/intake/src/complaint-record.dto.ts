import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { CHANNELS, OUTCOMES, REMEDIES, STAGES } from '@app/domain';
import type { Channel, Outcome, Remedy, Stage } from '@app/domain';

// PostgreSQL text cannot hold NUL, and no legitimate record needs one. Decorators run from
// the property upwards and stop at the first failure: the type check must sit closest.
const NO_NUL = /^[^\u0000]*$/;
const noNul = { message: '$property must not contain NUL characters' };

/** One complaint record as a public body submits it (DESIGN.md, "Complaint record"). */
export class ComplaintRecordDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'CMP-2026-0042' })
  @Matches(NO_NUL, noNul)
  @Length(1, 100)
  @IsString()
  reference: string;

  @ApiProperty({ format: 'date-time', example: '2026-10-01T09:30:00Z', description: 'not in the future' })
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 date' })
  receivedAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'not before receivedAt' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'closedAt must be an ISO 8601 date' })
  closedAt?: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Maternity' })
  @Matches(NO_NUL, noNul)
  @Length(1, 200)
  @IsString()
  serviceArea: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: STAGES, default: 'local' })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiProperty({ minLength: 20, maxLength: 20000 })
  @Matches(NO_NUL, noNul)
  @Length(20, 20000)
  @IsString()
  summary: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @ApiPropertyOptional({ maxLength: 20000 })
  @Matches(NO_NUL, noNul)
  @IsOptional()
  @MaxLength(20000)
  @IsString()
  learning?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'nhs:943 476 5919',
    description:
      '`scheme:value` with scheme `nhs` (10 digits, modulus-11 check digit), `email` or `local` (the body\'s own id, namespaced by ' +
      'organisation). Replaced at once by a keyed hash; never stored. Links across bodies are visible to the Ombudsman only.',
  })
  @Matches(NO_NUL, noNul)
  @IsOptional()
  @Length(1, 200)
  @IsString()
  complainantId?: string;

  @ApiPropertyOptional({ enum: REMEDIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REMEDIES.length * 2)
  @IsIn(REMEDIES, { each: true })
  remedies?: Remedy[];
}

export const COMPLAINT_FIELDS: ReadonlyArray<keyof ComplaintRecordDto> = [
  'reference',
  'receivedAt',
  'closedAt',
  'serviceArea',
  'channel',
  'stage',
  'summary',
  'outcome',
  'learning',
  'complainantId',
  'remedies',
];

export class BatchRequestDto {
  @ApiProperty({ type: [ComplaintRecordDto], maxItems: 1000 })
  items: ComplaintRecordDto[];
}

export class AcceptedItemDto {
  @ApiProperty() index: number;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class ErrorDetailDto {
  @ApiPropertyOptional() index?: number;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class RejectedItemDto {
  @ApiProperty() index: number;
  @ApiProperty({ type: [ErrorDetailDto] }) details: ErrorDetailDto[];
}

export class BatchResultDto {
  @ApiProperty({ type: [AcceptedItemDto] }) accepted: AcceptedItemDto[];
  @ApiProperty({ type: [RejectedItemDto] }) rejected: RejectedItemDto[];
}

export class SubmitResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['received', 'processing', 'processed', 'duplicate', 'failed'] }) status: string;
}
