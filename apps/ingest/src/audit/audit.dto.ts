import { ApiProperty } from '@nestjs/swagger';

export class AuditEventDto {
  @ApiProperty({ description: 'increasing; pass the last one as `before` for the next page' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ enum: ['admin', 'organisation', 'contact', 'system'] }) actorKind: string;
  @ApiProperty({ nullable: true, description: 'organisation id (actorKind organisation) or contact id' }) actorId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid', description: 'the API key the organisation used' }) actorKeyId: string | null;
  @ApiProperty({ example: 'api-key.revoke', description: 'organisation.create|suspend|reinstate, api-key.issue|revoke, contact.add, routing-rule.create|delete, dedup.merge|unmerge, …' })
  action: string;
  @ApiProperty() subjectType: string;
  @ApiProperty({ nullable: true }) subjectId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) organisationId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'identifiers and labels only' }) detail: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto], description: 'newest first' }) items: AuditEventDto[];
  @ApiProperty({ nullable: true, description: 'the `before` of the next page; null on the last' }) next: string | null;
}
