import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DigestFrequency, OrganisationKind, Sector, ThemeId } from '@app/domain';
import { ContactEntity } from '../entities/contact.entity';
import { OrganisationEntity } from '../entities/organisation.entity';

export interface NewOrganisation {
  name: string;
  kind: OrganisationKind;
  sector: Sector;
  type?: string;
  region?: string;
  apiKeyHash: string;
  apiKeyPrefix: string;
}

export interface NewContact {
  organisationId: string;
  name: string;
  email: string;
  serviceAreas: string[];
  themes: ThemeId[];
  digest: DigestFrequency;
}

export interface OrganisationPrincipal {
  id: string;
  kind: OrganisationKind;
  sector: Sector;
}

@Injectable()
export class OrganisationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(input: NewOrganisation): Promise<OrganisationEntity> {
    const repo = this.db.getRepository(OrganisationEntity);
    return repo.save(repo.create(input));
  }

  async exists(id: string): Promise<boolean> {
    return this.db.getRepository(OrganisationEntity).exists({ where: { id } });
  }

  async findPrincipalByKeyHash(apiKeyHash: string): Promise<OrganisationPrincipal | null> {
    const rows: OrganisationPrincipal[] = await this.db.query(
      'SELECT id, kind, sector FROM organisation WHERE api_key_hash = $1',
      [apiKeyHash],
    );
    return rows[0] ?? null;
  }

  /** Returns null when the (organisation, email) pair already exists. */
  async addContact(input: NewContact): Promise<ContactEntity | null> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO contact (organisation_id, name, email, service_areas, themes, digest)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [input.organisationId, input.name, input.email, input.serviceAreas, input.themes, input.digest],
    );
    if (rows.length === 0) return null;
    return this.db.getRepository(ContactEntity).findOneByOrFail({ id: rows[0].id });
  }
}
