import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationKind, Sector } from '@app/domain';

@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: OrganisationKind;

  @Column('text')
  sector: Sector;

  @Column('text', { nullable: true })
  type: string | null;

  @Column('text', { nullable: true })
  region: string | null;

  @Column('text', { name: 'time_zone', default: 'Europe/London' })
  timeZone: string;

  /** Emptied by the api-keys migration: keys live in `api_key` (ApiKeyRepository). */
  @Column('text', { name: 'api_key_hash', select: false, nullable: true })
  apiKeyHash: string | null;

  @Column('text', { name: 'api_key_prefix', nullable: true })
  apiKeyPrefix: string | null;

  /** Set while the organisation is suspended: its requests get 403 and the worker holds its complaints. */
  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
