import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { CONTACT_LIMITS } from '@app/domain/contacts';
import { ContactFieldRule } from '../contacts/contact-field-rule';
import { DIGEST_FREQUENCIES, ORGANISATION_KINDS, SECTORS, THEME_IDS } from '@app/domain';
import type { DigestFrequency, OrganisationKind, Sector, ThemeId } from '@app/domain';

// The creation rules are shared with the web app's console (libs/persistence/src/administration).
export { CreateOrganisationDto, PRINTABLE, printable } from '@app/persistence/administration';

export class CreatedOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'shown once; only its hash is stored' }) apiKey: string;
}

/** The rules are shared with the web pages (libs/domain/src/contacts). */
export class CreateContactDto {
  @ApiProperty({ example: 'Sam Jones', minLength: 1, maxLength: CONTACT_LIMITS.nameMax })
  @ContactFieldRule('name')
  name: string;

  @ApiProperty({ example: 'sam.jones@example.org', maxLength: CONTACT_LIMITS.emailMax })
  @ContactFieldRule('email')
  email: string;

  @ApiPropertyOptional({ type: [String], example: ['Maternity'], maxItems: CONTACT_LIMITS.serviceAreasMax })
  @IsOptional()
  @ContactFieldRule('serviceAreas')
  serviceAreas?: string[];

  @ApiPropertyOptional({ enum: THEME_IDS, isArray: true })
  @IsOptional()
  @ContactFieldRule('themes')
  themes?: ThemeId[];

  @ApiProperty({ enum: DIGEST_FREQUENCIES })
  @ContactFieldRule('digest')
  digest: DigestFrequency;
}

export class CreatedContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class UpdateOrganisationDto {
  @ApiProperty({ description: 'true: its requests get 403 and its queued complaints are held; false: reinstated, held work is processed' })
  @IsBoolean()
  suspended: boolean;
}

export class OrganisationStateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() suspended: boolean;
}

export class OrganisationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ enum: SECTORS }) sector: Sector;
  @ApiProperty({ type: String, nullable: true }) type: string | null;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty() suspended: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationSummaryDto] }) items: OrganisationSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'opaque; pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}
