import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { DIGEST_FREQUENCIES, THEME_IDS } from '@app/domain';
import type { DigestFrequency, ThemeId } from '@app/domain';
import { CONTACT_LIMITS } from '@app/domain/contacts';
import { ContactFieldRule } from './contact-field-rule';

/** Every field optional; the same rules as when the contact was created (libs/domain/src/contacts). */
export class UpdateContactDto {
  @ApiPropertyOptional({ example: 'Sam Jones', minLength: 1, maxLength: CONTACT_LIMITS.nameMax })
  @IsOptional()
  @ContactFieldRule('name')
  name?: string;

  @ApiPropertyOptional({
    example: 'sam.jones@example.org',
    maxLength: CONTACT_LIMITS.emailMax,
    description: 'unique within the organisation (case-insensitive); 409 when another contact has it',
  })
  @IsOptional()
  @ContactFieldRule('email')
  email?: string;

  @ApiPropertyOptional({ type: [String], example: ['Maternity'], maxItems: CONTACT_LIMITS.serviceAreasMax, description: 'replaces the list' })
  @IsOptional()
  @ContactFieldRule('serviceAreas')
  serviceAreas?: string[];

  @ApiPropertyOptional({ enum: THEME_IDS, isArray: true, description: 'replaces the list' })
  @IsOptional()
  @ContactFieldRule('themes')
  themes?: ThemeId[];

  @ApiPropertyOptional({ enum: DIGEST_FREQUENCIES, description: '`daily` or `weekly` also re-subscribes a contact who unsubscribed' })
  @IsOptional()
  @ContactFieldRule('digest')
  digest?: DigestFrequency;

  @ApiPropertyOptional({
    description: '`true` re-subscribes a contact who followed the unsubscribe link (alerts again; digests as `digest` says); `false` unsubscribes them from all email',
  })
  @IsOptional()
  @IsBoolean()
  subscribed?: boolean;
}

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: [String] }) serviceAreas: string[];
  @ApiProperty({ enum: THEME_IDS, isArray: true }) themes: ThemeId[];
  @ApiProperty({ enum: DIGEST_FREQUENCIES }) digest: DigestFrequency;
  @ApiProperty({ description: 'false after the unsubscribe link: no email of any kind until re-subscribed' }) subscribed: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) unsubscribedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ContactListDto {
  @ApiProperty({ type: [ContactDto] }) items: ContactDto[];
}
