import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DigestFrequency, ThemeId } from '@app/domain';

@Entity('contact')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'service_areas', array: true, default: () => "'{}'" })
  serviceAreas: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  themes: ThemeId[];

  @Column('text')
  digest: DigestFrequency;

  /** Set by the unsubscribe link: the contact gets no email of any kind. */
  @Column('timestamptz', { name: 'unsubscribed_at', nullable: true })
  unsubscribedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
