import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const COMPLAINANT_ID_DESCRIPTION =
  '`scheme:value` as submitted with the complaints: `nhs:` (NHS number), `email:` or `local:` (the body\'s own id)';

export class ErasureRequestDto {
  @ApiProperty({ example: 'nhs:943 476 5919', maxLength: 200, description: COMPLAINANT_ID_DESCRIPTION })
  complainantId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Ombudsman/admin only: limit to one body (required for a `local:` id). A body always acts on its own complaints.',
  })
  organisationId?: string;
}

export class ErasureResultDto {
  @ApiProperty({ description: 'complaints erased' }) erased: number;
  @ApiProperty({ type: [String], description: 'ids of the erased complaints' }) complaintIds: string[];
  @ApiProperty({ description: 'duplicates of an erased complaint, queued to be decided again' }) requeued: number;
}

export class SubjectTextDto {
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ nullable: true, type: String }) learning: string | null;
}

export class SubjectLinkDto {
  @ApiProperty({ nullable: true, type: String, description: 'null for another body\'s case unless the caller is the Ombudsman or admin' })
  relatedId: string | null;
  @ApiProperty() sameOrganisation: boolean;
  @ApiProperty({ enum: ['cross-body', 'same-complainant'] }) rule: string;
  @ApiProperty({ nullable: true, type: Number }) similarity: number | null;
}

export class SubjectDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'the organisation whose contact it was routed to' }) organisationId: string;
  @ApiProperty({ enum: ['immediate', 'digest'] }) mode: string;
  @ApiProperty({ description: 'shared anonymised with another body' }) shared: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) sentAt: Date | null;
}

export class SubjectReviewDto {
  @ApiProperty({ format: 'uuid', description: 'the body or the Ombudsman whose person reviewed the labels' }) reviewerOrganisationId: string;
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty() severity: string;
  @ApiProperty({ nullable: true, type: String, description: "the reviewer's note" }) note: string | null;
  @ApiProperty({ type: [String], description: "the model's themes the review replaced" }) modelThemes: string[];
  @ApiProperty() modelSeverity: string;
  @ApiProperty() reviewedAt: Date;
}

export class SubjectComplaintDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() reference: string;
  @ApiProperty() version: number;
  @ApiProperty() status: string;
  @ApiProperty() receivedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ description: 'when it reached this system' }) acceptedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) processedAt: Date | null;
  @ApiProperty() serviceArea: string;
  @ApiProperty({ nullable: true, type: String }) channel: string | null;
  @ApiProperty() stage: string;
  @ApiProperty() outcome: string;
  @ApiProperty({ type: [String] }) remedies: string[];
  @ApiProperty({ type: SubjectTextDto, nullable: true, description: 'the text as submitted; null once dropped after RAW_TEXT_RETENTION_DAYS' })
  rawText: SubjectTextDto | null;
  @ApiProperty({ nullable: true, type: Date }) rawTextDroppedAt: Date | null;
  @ApiProperty({ type: SubjectTextDto, description: 'the redacted copy kept for learning' }) redactedText: SubjectTextDto;
  @ApiProperty({ nullable: true, description: '{themes, severity, confidence, version}' }) classification: unknown;
  @ApiProperty({ nullable: true, type: String }) learningSummary: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) duplicateOf: string | null;
  @ApiProperty({ nullable: true }) dedupReason: unknown;
  @ApiProperty({ type: [SubjectLinkDto] }) links: SubjectLinkDto[];
  @ApiProperty({ type: [SubjectDeliveryDto], description: 'who the learning from this complaint was routed to' })
  deliveries: SubjectDeliveryDto[];
  @ApiProperty({ type: SubjectReviewDto, nullable: true, description: "a person's correction of the labels, if any" }) review: SubjectReviewDto | null;
}

export class SubjectAccessExportDto {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the body searched; null: every body' })
  organisationId: string | null;
  @ApiProperty({ type: [SubjectComplaintDto] }) complaints: SubjectComplaintDto[];
}
