import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SectorThemeCountRow } from '@app/domain/reports';
import type { ReturnComplaintRow, ReturnOrganisation } from '@app/domain/returns';
import type { Sector } from '@app/domain';
import { queryRows } from './query-rows';

/** The London calendar day bounds of a return's year become instants in SQL. */
const ZONE = 'Europe/London';

interface ArrivedAfterCount {
  organisationId: string;
  n: number;
}

interface DatabaseNow {
  now: Date;
}

/**
 * What official returns and the annual report count: one organisation's own processed
 * complaints (never duplicates), by the London day they were *received* — an official
 * return counts the complaints received in its year, however late they reached us.
 */
@Injectable()
export class ReturnsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Public bodies (not the Ombudsman), optionally of one sector, by name. */
  async organisations(filter: { id?: string; sector?: Sector } = {}): Promise<ReturnOrganisation[]> {
    return queryRows<ReturnOrganisation>(
      this.db,
      `SELECT id, name, sector FROM organisation
       WHERE kind = 'public-body' AND ($1::uuid IS NULL OR id = $1) AND ($2::text IS NULL OR sector = $2)
       ORDER BY name, id`,
      [filter.id ?? null, filter.sector ?? null],
    );
  }

  /** Counted complaints of the organisations received in [fromDay, toDay) (London days). */
  async complaints(organisationIds: string[], fromDay: string, toDay: string): Promise<ReturnComplaintRow[]> {
    if (organisationIds.length === 0) return [];
    return queryRows<ReturnComplaintRow>(
      this.db,
      `SELECT c.organisation_id AS "organisationId", c.service_area AS "serviceArea", c.themes, c.outcome, c.remedies,
              c.received_at AS "receivedAt", c.closed_at AS "closedAt", c.learning_summary AS "learningSummary"
       FROM complaint c
       WHERE c.organisation_id = ANY($1::uuid[]) AND c.status = 'processed' AND c.severity IS NOT NULL
         AND c.received_at >= ($2::date::timestamp AT TIME ZONE $4) AND c.received_at < ($3::date::timestamp AT TIME ZONE $4)
       ORDER BY c.organisation_id, c.received_at, c.id`,
      [organisationIds, fromDay, toDay, ZONE],
    );
  }

  /** Per organisation: counted complaints received in [fromDay, toDay) that arrived after toDay began. */
  async arrivedAfter(organisationIds: string[], fromDay: string, toDay: string): Promise<Map<string, number>> {
    if (organisationIds.length === 0) return new Map();
    const rows = await queryRows<ArrivedAfterCount>(
      this.db,
      `SELECT c.organisation_id AS "organisationId", count(*)::int AS n FROM complaint c
       WHERE c.organisation_id = ANY($1::uuid[]) AND c.status = 'processed' AND c.severity IS NOT NULL
         AND c.received_at >= ($2::date::timestamp AT TIME ZONE $4) AND c.received_at < ($3::date::timestamp AT TIME ZONE $4)
         AND c.accepted_at >= ($3::date::timestamp AT TIME ZONE $4)
       GROUP BY 1`,
      [organisationIds, fromDay, toDay, ZONE],
    );
    return new Map(rows.map((r) => [r.organisationId, r.n]));
  }

  /** Per organisation of the sector: complaints received in the year (theme null) and per theme, for sector medians. */
  async sectorThemeCounts(sector: Sector, fromDay: string, toDay: string): Promise<SectorThemeCountRow[]> {
    return queryRows<SectorThemeCountRow>(
      this.db,
      `WITH counted AS (
         SELECT c.organisation_id, c.themes FROM complaint c JOIN organisation o ON o.id = c.organisation_id
         WHERE o.sector = $1 AND o.kind = 'public-body' AND c.status = 'processed' AND c.severity IS NOT NULL
           AND c.received_at >= ($2::date::timestamp AT TIME ZONE $4) AND c.received_at < ($3::date::timestamp AT TIME ZONE $4))
       SELECT organisation_id AS "organisationId", NULL AS theme, count(*)::int AS count FROM counted GROUP BY 1
       UNION ALL
       SELECT organisation_id, t.theme, count(*)::int FROM counted, unnest(themes) AS t(theme) GROUP BY 1, 2`,
      [sector, fromDay, toDay, ZONE],
    );
  }

  /** When the figures were read: the database's clock, as the data's own. */
  async now(): Promise<Date> {
    const [row] = await queryRows<DatabaseNow>(this.db, `SELECT now() AS now`);
    return row.now;
  }
}
