import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DIGEST_FREQUENCIES, THEME_IDS } from '@app/domain';
import type { DigestFrequency, ThemeId } from '@app/domain';
import { IsEmailAddress } from '../common/is-email-address';
import { PRINTABLE, printable } from '../organisations/organisation.dto';

/** Every field optional; the same rules as when the contact was created. */
export class UpdateContactDto {
  @ApiPropertyOptional({ example: 'Sam Jones' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, printable)
  name?: string;

  @ApiPropertyOptional({ example: 'sam.jones@example.org', description: 'unique within the organisation (case-insensitive); 409 when another contact has it' })
  @IsOptional()
  @Matches(PRINTABLE, printable)
  @IsEmailAddress({ message: 'email must be an email address' })
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ type: [String], example: ['Maternity'], description: 'replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  serviceAreas?: string[];

  @ApiPropertyOptional({ enum: THEME_IDS, isArray: true, description: 'replaces the list' })
  @IsOptional()
  @IsArray()
  @IsIn(THEME_IDS, { each: true })
  themes?: ThemeId[];

  @ApiPropertyOptional({ enum: DIGEST_FREQUENCIES, description: '`daily` or `weekly` also re-subscribes a contact who unsubscribed' })
  @IsOptional()
  @IsIn(DIGEST_FREQUENCIES)
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
