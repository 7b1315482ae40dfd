import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ORGANISATION_KINDS, SECTORS, type OrganisationKind, type Sector } from '@app/domain';

// Names and emails end up in mail headers: no control characters, ever.
export const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;
export const printable = { message: '$property must not contain control characters' };

/**
 * A new organisation: the rules `POST /v1/organisations` and the console's form both apply
 * (each turns the class-validator errors into its own answer).
 */
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
