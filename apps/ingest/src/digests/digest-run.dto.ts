import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export class RunDigestsDto {
  @ApiProperty({ enum: ['daily', 'weekly'] })
  @IsIn(['daily', 'weekly'])
  frequency: 'daily' | 'weekly';

  @ApiPropertyOptional({ description: 'ISO 8601 instant; the digests cover the last complete period before it (default: now)', example: '2026-11-30T08:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 date' })
  asOf?: string;
}

export class DigestRunResultDto {
  @ApiProperty({ enum: ['daily', 'weekly'] }) frequency: 'daily' | 'weekly';
  @ApiProperty({ format: 'date-time' }) periodStart: string;
  @ApiProperty({ format: 'date-time' }) periodEnd: string;
  @ApiProperty({ description: 'contact digests queued for sending (not already sent, not empty)' }) queued: number;
  @ApiProperty({ description: 'Ombudsman weekly summaries queued (weekly runs only)' }) ombudsmanQueued: number;
}
