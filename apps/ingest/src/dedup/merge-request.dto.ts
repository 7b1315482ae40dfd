import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class MergeRequestDto {
  @ApiProperty({ format: 'uuid', description: 'the complaint this one duplicates (its own original if that is itself a duplicate)' })
  @IsUUID('all', { message: 'into must be the id of the complaint this one duplicates' })
  into: string;

  @ApiPropertyOptional({ description: 'required when the two texts are less similar than the floor (0.5); kept in the audit trail. No personal data.', example: 'Same case re-entered by the PALS team after the reference changed' })
  @IsOptional()
  @IsString()
  @Length(10, 500)
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'reason must not contain control characters' })
  reason?: string;
}

export class MergeResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['duplicate'] }) status: string;
  @ApiProperty({ format: 'uuid' }) duplicateOf: string;
  @ApiProperty({ nullable: true, description: 'similarity of the two texts (max of word-shingle and content-word Jaccard)' }) similarity: number | null;
}

export class UnmergeResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['received'] }) status: string;
}
