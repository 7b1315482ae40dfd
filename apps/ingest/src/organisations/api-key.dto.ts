import { ApiProperty } from '@nestjs/swagger';

export class IssuedApiKeyDto {
  @ApiProperty({ format: 'uuid', description: 'the key id, to list or revoke it' }) id: string;
  @ApiProperty({ description: 'shown once; only its hash is stored' }) apiKey: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the first characters of the key, to recognise it', example: 'clp_Xk3p9a' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'to within a minute' }) lastUsedAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'set once revoked; a revoked key is refused with 401' }) revokedAt: Date | null;
}
