import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { DIGEST_FREQUENCIES, THEME_IDS } from '@app/domain';
import type { DigestFrequency, ThemeId } from '@app/domain';

export class UpdateContactDto {
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
