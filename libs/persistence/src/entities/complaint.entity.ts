import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel, ComplaintStatus, Outcome, Remedy, Stage } from '@app/domain';

@Entity('complaint')
export class ComplaintEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  reference: string;

  @Column('int')
  version: number;

  @Column('text', { name: 'content_hash' })
  contentHash: string;

  @Column('text')
  status: ComplaintStatus;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('text', { name: 'service_area' })
  serviceArea: string;

  @Column('text', { nullable: true })
  channel: Channel | null;

  @Column('text')
  stage: Stage;

  @Column('text')
  summary: string;

  @Column('text')
  outcome: Outcome;

  @Column('text', { nullable: true })
  learning: string | null;

  @Column('text', { name: 'complainant_hash', nullable: true })
  complainantHash: string | null;

  @Column('text', { array: true })
  remedies: Remedy[];

  @Column('int', { name: 'processed_version', nullable: true })
  processedVersion: number | null;

  @Column('int')
  attempts: number;

  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Column('timestamptz', { name: 'accepted_at' })
  acceptedAt: Date;

  @Column('timestamptz', { name: 'status_changed_at' })
  statusChangedAt: Date;

  @Column('timestamptz', { name: 'processed_at', nullable: true })
  processedAt: Date | null;
}
