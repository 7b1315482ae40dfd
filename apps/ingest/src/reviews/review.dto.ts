import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SEVERITIES, THEME_IDS } from '@app/domain';

export class ReviewInputDto {
  @ApiProperty({ enum: THEME_IDS, isArray: true, description: 'the themes the complaint is about (taxonomy ids; may be empty)' }) themes: string[];
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, description: "the reviewer's reason; never emailed or logged" }) note?: string | null;
}

export class ModelLabelsDto {
  @ApiProperty({ enum: THEME_IDS, isArray: true }) themes: string[];
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty() version: string;
}

export class ReviewerDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ nullable: true, format: 'uuid', description: 'the API key used' }) keyId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid', description: 'the signed-in contact (web app)' }) contactId: string | null;
}

export class ReviewViewDto {
  @ApiProperty({ enum: THEME_IDS, isArray: true }) themes: string[];
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty({ type: ModelLabelsDto, description: "the model's labels when the review was written" }) model: ModelLabelsDto;
  @ApiProperty({ type: ReviewerDto }) reviewer: ReviewerDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class QueueItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ nullable: true, description: '0 (sure) to 1: margin to a threshold, lexicon/model disagreement, rare theme' }) uncertainty: number | null;
  @ApiProperty({ enum: THEME_IDS, isArray: true }) themes: string[];
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '[{id, confidence}]: themes that just missed' }) suggestions: unknown[];
}

export class ReviewQueueDto {
  @ApiProperty({ type: [QueueItemDto], description: 'processed, unreviewed complaints, least certain first' }) items: QueueItemDto[];
}
