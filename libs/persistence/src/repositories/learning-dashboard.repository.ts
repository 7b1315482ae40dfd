import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LagHistogramRow, ThemeCountRow } from '@app/domain/learning';
import type {
  DashboardQuery,
  DashboardReader,
  DrillQuery,
  HeadlineCounts,
  LearningRecordRow,
  SectorThemeRow,
  SeriousOrganisationRow,
  WeeklyThemeRow,
} from '@app/domain/dashboard';
import { LEARNING_TIME_ZONE } from './learning-rollup.repository';

/*
 * The learning dashboard's figures (docs/dashboard.md). Counted as the rollup counts:
 * processed complaints with a severity, by the London day they were received. Across bodies
 * a cross-body cluster counts once (the rollup tables learning_day_org and
 * learning_day_sector_theme hold representatives only); one organisation's own figures count
 * every complaint of its own (its rows are few, read from the complaint table through
 * complaint_processed_org_received). The one figure the rollups cannot give — serious cases
 * of one theme across bodies — is read through the complaint_list_severity index.
 */

/** A London day 'YYYY-MM-DD' as the instant it starts. */
const DAY_START = (param: string): string => `(${param}::date::timestamp AT TIME ZONE '${LEARNING_TIME_ZONE}')`;

/** The counted complaints of one organisation received in the range ($1 org, $2 from, $3 to). */
const OWN = `c.organisation_id = $1 AND c.status = 'processed' AND c.severity IS NOT NULL
  AND c.received_at >= ${DAY_START('$2')} AND c.received_at < ${DAY_START('$3')}`;

/** Counted across bodies: processed, a severity, and the representative of its cross-body cluster. */
const REPRESENTATIVE = `c.status = 'processed' AND c.severity IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM complaint_cluster k WHERE k.complaint_id = c.id AND k.cluster_id <> c.id)`;

/*
 * learning_day_org is per day and organisation, so a year across bodies reads ~half its rows
 * (370,000 at 1,000,000 complaints): no join unless a sector asks for one (a semi-join then).
 */
@Injectable()
export class LearningDashboardRepository implements DashboardReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async headline(q: DashboardQuery): Promise<HeadlineCounts> {
    if (q.organisationId) {
      const rows: Array<{ outcome: HeadlineCounts['outcomes'][number]['outcome']; count: number; serious: number }> = await this.db.query(
        `SELECT c.outcome, count(*)::int AS count, count(*) FILTER (WHERE c.severity = 'serious')::int AS serious
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id
         WHERE ${OWN} AND ($4::text IS NULL OR o.sector = $4) AND ($5::text IS NULL OR $5 = ANY (c.themes))
         GROUP BY 1`,
        [q.organisationId, q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
      );
      return { outcomes: rows.map(({ outcome, count }) => ({ outcome, count })), serious: rows.reduce((sum, r) => sum + r.serious, 0) };
    }
    if (!q.theme) {
      const rows: Array<{ outcome: HeadlineCounts['outcomes'][number]['outcome']; count: number; serious: number }> = await this.db.query(
        `SELECT r.outcome, sum(r.count)::int AS count, coalesce(sum(r.count) FILTER (WHERE r.severity = 'serious'), 0)::int AS serious
         FROM learning_day_org r
         WHERE r.day >= $1::date AND r.day < $2::date
           AND ($3::text IS NULL OR r.organisation_id IN (SELECT id FROM organisation WHERE sector = $3))
         GROUP BY 1`,
        [q.range.from, q.range.to, q.sector ?? null],
      );
      return { outcomes: rows.map(({ outcome, count }) => ({ outcome, count })), serious: rows.reduce((sum, r) => sum + r.serious, 0) };
    }
    // One theme across bodies: outcomes from the sector × theme rollup, serious cases from the complaints.
    const [outcomes, [serious]] = await Promise.all([
      this.db.query(
        `SELECT outcome, sum(count)::int AS count FROM learning_day_sector_theme
         WHERE day >= $1::date AND day < $2::date AND theme = $3 AND ($4::text IS NULL OR sector = $4) GROUP BY 1`,
        [q.range.from, q.range.to, q.theme, q.sector ?? null],
      ),
      this.db.query(
        `SELECT count(*)::int AS n FROM complaint c JOIN organisation o ON o.id = c.organisation_id
         WHERE c.severity = 'serious' AND c.received_at >= ${DAY_START('$1')} AND c.received_at < ${DAY_START('$2')}
           AND $3 = ANY (c.themes) AND ($4::text IS NULL OR o.sector = $4) AND ${REPRESENTATIVE}`,
        [q.range.from, q.range.to, q.theme, q.sector ?? null],
      ) as Promise<Array<{ n: number }>>,
    ]);
    return { outcomes, serious: serious.n };
  }

  async weeklyThemes(q: DashboardQuery): Promise<WeeklyThemeRow[]> {
    if (q.organisationId) {
      return this.db.query(
        `SELECT to_char(date_trunc('week', (c.received_at AT TIME ZONE '${LEARNING_TIME_ZONE}')::date), 'YYYY-MM-DD') AS "weekStart", t.theme, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id, unnest(c.themes) AS t(theme)
         WHERE ${OWN} AND ($4::text IS NULL OR o.sector = $4) AND ($5::text IS NULL OR t.theme = $5)
         GROUP BY 1, 2`,
        [q.organisationId, q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
      );
    }
    return this.db.query(
      `SELECT to_char(date_trunc('week', day), 'YYYY-MM-DD') AS "weekStart", theme, sum(count)::int AS count
       FROM learning_day_sector_theme
       WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR sector = $3) AND ($4::text IS NULL OR theme = $4)
       GROUP BY 1, 2`,
      [q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
    );
  }

  async sectorThemes(q: DashboardQuery): Promise<SectorThemeRow[]> {
    if (q.organisationId) {
      return this.db.query(
        `SELECT o.sector, t.theme, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id, unnest(c.themes) AS t(theme)
         WHERE ${OWN} AND ($4::text IS NULL OR o.sector = $4) AND ($5::text IS NULL OR t.theme = $5)
         GROUP BY 1, 2`,
        [q.organisationId, q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
      );
    }
    return this.db.query(
      `SELECT sector, theme, sum(count)::int AS count FROM learning_day_sector_theme
       WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR sector = $3) AND ($4::text IS NULL OR theme = $4)
       GROUP BY 1, 2`,
      [q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
    );
  }

  async themeOutcomes(q: DashboardQuery): Promise<ThemeCountRow[]> {
    if (q.organisationId) {
      return this.db.query(
        `SELECT t.theme, c.outcome, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id, unnest(c.themes) AS t(theme)
         WHERE ${OWN} AND ($4::text IS NULL OR o.sector = $4) AND ($5::text IS NULL OR t.theme = $5)
         GROUP BY 1, 2`,
        [q.organisationId, q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
      );
    }
    return this.db.query(
      `SELECT theme, outcome, sum(count)::int AS count FROM learning_day_sector_theme
       WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR sector = $3) AND ($4::text IS NULL OR theme = $4)
       GROUP BY 1, 2`,
      [q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
    );
  }

  async seriousOrganisations(q: DashboardQuery, limit: number): Promise<SeriousOrganisationRow[]> {
    if (q.organisationId) {
      return this.db.query(
        `SELECT o.id AS "organisationId", o.name AS "organisationName", o.sector, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id
         WHERE ${OWN} AND c.severity = 'serious' AND ($4::text IS NULL OR o.sector = $4) AND ($5::text IS NULL OR $5 = ANY (c.themes))
         GROUP BY 1, 2, 3`,
        [q.organisationId, q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
      );
    }
    if (!q.theme) {
      return this.db.query(
        `SELECT o.id AS "organisationId", o.name AS "organisationName", o.sector, s.count
         FROM (SELECT organisation_id, sum(count)::int AS count FROM learning_day_org
               WHERE day >= $1::date AND day < $2::date AND severity = 'serious' GROUP BY 1) s
         JOIN organisation o ON o.id = s.organisation_id
         WHERE ($3::text IS NULL OR o.sector = $3)
         ORDER BY s.count DESC, o.name, o.id LIMIT $4`,
        [q.range.from, q.range.to, q.sector ?? null, limit],
      );
    }
    return this.db.query(
      `SELECT o.id AS "organisationId", o.name AS "organisationName", o.sector, count(*)::int AS count
       FROM complaint c JOIN organisation o ON o.id = c.organisation_id
       WHERE c.severity = 'serious' AND c.received_at >= ${DAY_START('$1')} AND c.received_at < ${DAY_START('$2')}
         AND $3 = ANY (c.themes) AND ($4::text IS NULL OR o.sector = $4) AND ${REPRESENTATIVE}
       GROUP BY 1, 2, 3 ORDER BY count DESC, o.name, o.id LIMIT $5`,
      [q.range.from, q.range.to, q.theme, q.sector ?? null, limit],
    );
  }

  async arrivalLags(range: { from: Date; to: Date }, organisationId?: string): Promise<LagHistogramRow[]> {
    return this.db.query(
      `SELECT floor(extract(epoch FROM c.accepted_at - c.received_at) / 86400)::int AS "lagDays", count(*)::int AS count
       FROM complaint c
       WHERE c.status = 'processed' AND c.severity IS NOT NULL AND c.accepted_at >= $1 AND c.accepted_at < $2
         AND ($3::uuid IS NULL OR c.organisation_id = $3)
       GROUP BY 1`,
      [range.from, range.to, organisationId ?? null],
    );
  }

  async dataAsOf(): Promise<Date> {
    const [row]: Array<{ watermark: Date | number }> = await this.db.query(`SELECT watermark FROM learning_refresh_state WHERE id = 1`);
    return row.watermark instanceof Date ? row.watermark : new Date(0);
  }

  /**
   * The records behind a figure, newest first by (received_at, id), continuing below `after`.
   * Same counting rule as the figures: across bodies cluster representatives only.
   */
  async learningRecords(q: DrillQuery): Promise<LearningRecordRow[]> {
    const params: unknown[] = [q.range.from, q.range.to, q.sector ?? null, q.theme ?? null, q.severity ?? null, q.organisationId ?? null, q.after?.receivedAt ?? null, q.after?.complaintId ?? null, q.limit + 1];
    return this.db.query(
      `SELECT c.id AS "complaintId", o.id AS "organisationId", o.name AS "organisationName", o.sector, c.reference,
              c.received_at AS "receivedAt", c.service_area AS "serviceArea", c.themes, c.severity, c.outcome,
              c.learning_summary AS "learningSummary"
       FROM complaint c JOIN organisation o ON o.id = c.organisation_id
       WHERE c.received_at >= ${DAY_START('$1')} AND c.received_at < ${DAY_START('$2')}
         AND c.status = 'processed' AND c.severity IS NOT NULL
         AND ($3::text IS NULL OR o.sector = $3) AND ($4::text IS NULL OR $4 = ANY (c.themes))
         AND ($5::text IS NULL OR c.severity = $5)
         AND ($6::uuid IS NULL OR c.organisation_id = $6)
         AND ($6::uuid IS NOT NULL OR NOT EXISTS (SELECT 1 FROM complaint_cluster k WHERE k.complaint_id = c.id AND k.cluster_id <> c.id))
         AND ($7::timestamptz IS NULL OR (c.received_at, c.id) < ($7::timestamptz, $8::uuid))
       ORDER BY c.received_at DESC, c.id DESC
       LIMIT $9`,
      params,
    );
  }
}
