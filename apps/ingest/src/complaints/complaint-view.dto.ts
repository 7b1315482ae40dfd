import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReviewViewDto } from '../reviews/review.dto';

export class ComplaintViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['received', 'processing', 'processed', 'duplicate', 'failed'] }) status: string;
  @ApiPropertyOptional({ description: 'why processing failed, when status is failed' }) failureReason?: string | null;
  @ApiProperty({
    nullable: true,
    description:
      '{themes: [{id, confidence, evidence}], severity, confidence, version, source: "model"|"review", suggestions: [{id, confidence}]}: ' +
      "the labels in force — a review's when there is one (a theme only the reviewer gave has confidence null and no evidence); " +
      'evidence: the phrases that triggered each theme; suggestions: themes that just missed their threshold',
  })
  classification: unknown;
  @ApiProperty({ nullable: true, type: ReviewViewDto, description: "the human review, with the model's labels it replaced" })
  review: ReviewViewDto | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) duplicateOf: string | null;
  @ApiProperty({ nullable: true, description: 'why it was judged a duplicate: {rule, similarity, matched}' }) dedupReason: unknown;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '[{id (null when another body\'s), sameOrganisation, rule, similarity}]; same-complainant links to another body are shown to the Ombudsman only' })
  related: unknown[];
  @ApiProperty({ nullable: true }) learningSummary: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '[{organisationId, mode, shared, contacts, sent}]' })
  routedTo: unknown[];
}
