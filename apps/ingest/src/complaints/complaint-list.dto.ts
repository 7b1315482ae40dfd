import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPLAINT_STATUSES, OUTCOMES, SEVERITIES, THEME_IDS } from '@app/domain';

export class ComplaintFailureDto {
  @ApiProperty({ description: 'why processing failed, as the pipeline recorded it (never submitted text)', example: 'classification failed' }) reason: string;
  @ApiProperty({ format: 'date-time' }) failedAt: string;
  @ApiProperty({ description: 'processing attempts made' }) attempts: number;
}

export class ComplaintListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() serviceArea: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: string;
  @ApiProperty({ enum: SEVERITIES, nullable: true, description: 'null until classified' }) severity: string | null;
  @ApiProperty({ enum: THEME_IDS, isArray: true, description: 'theme ids, classifier order; empty until classified' }) themes: string[];
  @ApiProperty({ format: 'uuid', nullable: true }) duplicateOf: string | null;
  @ApiPropertyOptional({ type: ComplaintFailureDto, description: 'present only when status is failed' }) failure?: ComplaintFailureDto;
}

export class ComplaintListPageDto {
  @ApiProperty({ type: [ComplaintListItemDto] }) items: ComplaintListItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'opaque; pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}
