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

  @Column('text', { name: 'api_key_hash', select: false })
  apiKeyHash: string;

  @Column('text', { name: 'api_key_prefix' })
  apiKeyPrefix: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
