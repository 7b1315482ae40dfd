import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsEmailAddress } from '../common/is-email-address';
import { DIGEST_FREQUENCIES, ORGANISATION_KINDS, SECTORS, THEME_IDS } from '@app/domain';
import type { DigestFrequency, OrganisationKind, Sector, ThemeId } from '@app/domain';

// Names and emails end up in mail headers: no control characters, ever.
export const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;
export const printable = { message: '$property must not contain control characters' };

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Riverside NHS Foundation Trust' })
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, printable)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS)
  sector: Sector;

  @ApiPropertyOptional({ example: 'NHS trust' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(PRINTABLE, printable)
  type?: string;

  @ApiPropertyOptional({ example: 'North West' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(PRINTABLE, printable)
  region?: string;
}

export class CreatedOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'shown once; only its hash is stored' }) apiKey: string;
}

export class CreateContactDto {
  @ApiProperty({ example: 'Sam Jones' })
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, printable)
  name: string;

  @ApiProperty({ example: 'sam.jones@example.org' })
  @Matches(PRINTABLE, printable)
  @IsEmailAddress({ message: 'email must be an email address' })
  @Length(3, 254)
  email: string;

  @ApiPropertyOptional({ type: [String], example: ['Maternity'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  serviceAreas?: string[];

  @ApiPropertyOptional({ enum: THEME_IDS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(THEME_IDS, { each: true })
  themes?: ThemeId[];

  @ApiProperty({ enum: DIGEST_FREQUENCIES })
  @IsIn(DIGEST_FREQUENCIES)
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
