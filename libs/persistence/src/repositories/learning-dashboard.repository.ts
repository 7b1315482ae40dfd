import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, LEARNING_TIME_ZONE, weekStartOf, type LagHistogramRow, type ThemeCountRow } from '@app/domain/learning';
import type {
  DashboardQuery,
  DashboardReader,
  DrillQuery,
  HeadlineCounts,
  DrillDownRow,
  SectorThemeRow,
  SeriousOrganisationRow,
  WeeklyThemeRow,
} from '@app/domain/dashboard';
import type { DayRange } from './learning-rollup.repository';
import { WEEK_OF } from './learning-sql';
import { queryRows } from './query-rows';

/*
 * The learning dashboard's figures (docs/dashboard.md). Counted as the rollup counts:
 * processed complaints with a severity, by the London day they were received. Across bodies
 * a cross-body cluster counts once (the rollup tables learning_day_org and
 * learning_day_sector_theme hold representatives only); one organisation's own figures count
 * every complaint of its own (its rows are few, read from the complaint table through
 * complaint_processed_org_received). Serious cases of one theme across bodies are read from
 * learning_day_serious_theme (per day, body and theme; a complaint once under each of its themes).
 * Across bodies, the whole ISO weeks of a period are read from the weekly rollups
 * (learning_week_*: the sums of their seven days, kept by the same refresh), and only the days
 * of the partial weeks at its ends from the per-day tables: a year reads ~52 weeks of a few
 * hundred rows each instead of 364 days of up to a thousand.
 */

/** A London day 'YYYY-MM-DD' as the instant it starts. */
const DAY_START = (param: string): string => `(${param}::date::timestamp AT TIME ZONE '${LEARNING_TIME_ZONE}')`;

/** The counted complaints of one organisation received in the range ($1 org, $2 from, $3 to). */
const OWN = `c.organisation_id = $1 AND c.status = 'processed' AND c.severity IS NOT NULL
  AND c.received_at >= ${DAY_START('$2')} AND c.received_at < ${DAY_START('$3')}`;

/**
 * A range cut into its whole ISO weeks [weekFrom, weekTo) and the days before and after them
 * ([from, weekFrom) and [weekTo, to), at most six each). Without a whole week both bounds are
 * `to`: every day is read per day and no week.
 */
function splitWeeks(range: DayRange): DayRange & { weekFrom: string; weekTo: string } {
  const monday = weekStartOf(range.from);
  const weekFrom = monday === range.from ? monday : addDays(monday, 7);
  const weekTo = weekStartOf(range.to);
  return weekFrom < weekTo ? { ...range, weekFrom, weekTo } : { ...range, weekFrom: range.to, weekTo: range.to };
}

/** Parameters $1..$4 of the week-split queries: from, to, weekFrom, weekTo. */
const splitParams = (range: DayRange): string[] => {
  const split = splitWeeks(range);
  return [split.from, split.to, split.weekFrom, split.weekTo];
};
const WHOLE_WEEKS = `week >= $3::date AND week < $4::date`;
/** The per-day parts of a split query: `part(days)` once for the days before the weeks, once after. */
const EDGE_DAYS = (alias: string, part: (days: string) => string): string =>
  `${part(`${alias}.day >= $1::date AND ${alias}.day < $3::date`)} UNION ALL ${part(`${alias}.day >= $4::date AND ${alias}.day < $2::date`)}`;

/**
 * Across bodies, the sector × theme × outcome rows of the period with their week (Monday):
 * $5 sector, $6 theme, both optional.
 */
const SECTOR_THEME_ROWS = `
  SELECT week, sector, theme, outcome, count FROM learning_week_sector_theme
  WHERE ${WHOLE_WEEKS} AND ($5::text IS NULL OR sector = $5) AND ($6::text IS NULL OR theme = $6)
  UNION ALL ${EDGE_DAYS('d', (days) => `
  SELECT ${WEEK_OF('d.day')}, d.sector, d.theme, d.outcome, d.count FROM learning_day_sector_theme d
  WHERE ${days} AND ($5::text IS NULL OR d.sector = $5) AND ($6::text IS NULL OR d.theme = $6)`)}`;

interface OutcomeCountRow {
  outcome: HeadlineCounts['outcomes'][number]['outcome'];
  count: number;
}

/** Counts per outcome with how many of them were serious. */
interface OutcomeSeriousRow extends OutcomeCountRow {
  serious: number;
}

interface CountRow {
  n: number;
}

interface WatermarkRow {
  /** node-pg turns '-infinity' (before the first refresh) into the number -Infinity, not a Date. */
  watermark: Date | number;
}

@Injectable()
export class LearningDashboardRepository implements DashboardReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async headline(q: DashboardQuery): Promise<HeadlineCounts> {
    if (q.organisationId) {
      const rows = await queryRows<OutcomeSeriousRow>(
        this.db,
        `SELECT c.outcome, count(*)::int AS count, count(*) FILTER (WHERE c.severity = 'serious')::int AS serious
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id
         WHERE ${OWN} AND ($4::text IS NULL OR o.sector = $4) AND ($5::text IS NULL OR $5 = ANY (c.themes))
         GROUP BY 1`,
        [q.organisationId, q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
      );
      return { outcomes: rows.map(({ outcome, count }) => ({ outcome, count })), serious: rows.reduce((sum, r) => sum + r.serious, 0) };
    }
    if (!q.theme) {
      const rows = await queryRows<OutcomeSeriousRow>(
        this.db,
        `SELECT r.outcome, sum(r.count)::int AS count, coalesce(sum(r.count) FILTER (WHERE r.severity = 'serious'), 0)::int AS serious
         FROM (
           SELECT outcome, severity, count FROM learning_week_sector WHERE ${WHOLE_WEEKS} AND ($5::text IS NULL OR sector = $5)
           UNION ALL ${EDGE_DAYS('d', (days) => `
           SELECT d.outcome, d.severity, d.count FROM learning_day_org d
           WHERE ${days} AND ($5::text IS NULL OR d.organisation_id IN (SELECT id FROM organisation WHERE sector = $5))`)}
         ) r
         GROUP BY 1`,
        [...splitParams(q.range), q.sector ?? null],
      );
      return { outcomes: rows.map(({ outcome, count }) => ({ outcome, count })), serious: rows.reduce((sum, r) => sum + r.serious, 0) };
    }
    // One theme across bodies: outcomes from the sector × theme rollup, serious cases from the serious × theme rollup.
    const [outcomes, [serious]] = await Promise.all([
      queryRows<OutcomeCountRow>(
        this.db,
        `SELECT outcome, sum(count)::int AS count FROM (${SECTOR_THEME_ROWS}) r GROUP BY 1`,
        [...splitParams(q.range), q.sector ?? null, q.theme],
      ),
      queryRows<CountRow>(
        this.db,
        `SELECT coalesce(sum(s.count), 0)::int AS n FROM learning_day_serious_theme s
         WHERE s.theme = $3 AND s.day >= $1::date AND s.day < $2::date
           AND ($4::text IS NULL OR s.organisation_id IN (SELECT id FROM organisation WHERE sector = $4))`,
        [q.range.from, q.range.to, q.theme, q.sector ?? null],
      ),
    ]);
    return { outcomes, serious: serious.n };
  }

  weeklyThemes(q: DashboardQuery): Promise<WeeklyThemeRow[]> {
    return this.themeCounts(
      q,
      `to_char(date_trunc('week', (c.received_at AT TIME ZONE '${LEARNING_TIME_ZONE}')::date), 'YYYY-MM-DD') AS "weekStart", t.theme`,
      `to_char(week, 'YYYY-MM-DD') AS "weekStart", theme`,
    );
  }

  sectorThemes(q: DashboardQuery): Promise<SectorThemeRow[]> {
    return this.themeCounts(q, 'o.sector, t.theme', 'sector, theme');
  }

  themeOutcomes(q: DashboardQuery): Promise<ThemeCountRow[]> {
    return this.themeCounts(q, 't.theme, c.outcome', 'theme, outcome');
  }

  /**
   * Counts per theme and one other column: one body's from its own complaints (all of them
   * count), all bodies' from the sector × theme rollups (a shared case once). `ownColumns`
   * and `rollupColumns` name the same two columns in each source.
   */
  private themeCounts<T>(q: DashboardQuery, ownColumns: string, rollupColumns: string): Promise<T[]> {
    if (q.organisationId) {
      return queryRows<T>(
        this.db,
        `SELECT ${ownColumns}, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id, unnest(c.themes) AS t(theme)
         WHERE ${OWN} AND ($4::text IS NULL OR o.sector = $4) AND ($5::text IS NULL OR t.theme = $5)
         GROUP BY 1, 2`,
        [q.organisationId, q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
      );
    }
    return queryRows<T>(this.db, `SELECT ${rollupColumns}, sum(count)::int AS count FROM (${SECTOR_THEME_ROWS}) r GROUP BY 1, 2`, [
      ...splitParams(q.range),
      q.sector ?? null,
      q.theme ?? null,
    ]);
  }

  async seriousOrganisations(q: DashboardQuery, limit: number): Promise<SeriousOrganisationRow[]> {
    if (q.organisationId) {
      return queryRows<SeriousOrganisationRow>(
        this.db,
        `SELECT o.id AS "organisationId", o.name AS "organisationName", o.sector, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id
         WHERE ${OWN} AND c.severity = 'serious' AND ($4::text IS NULL OR o.sector = $4) AND ($5::text IS NULL OR $5 = ANY (c.themes))
         GROUP BY 1, 2, 3`,
        [q.organisationId, q.range.from, q.range.to, q.sector ?? null, q.theme ?? null],
      );
    }
    if (!q.theme) {
      return queryRows<SeriousOrganisationRow>(
        this.db,
        `SELECT o.id AS "organisationId", o.name AS "organisationName", o.sector, s.count
         FROM (SELECT organisation_id, sum(count)::int AS count FROM (
                 SELECT organisation_id, count FROM learning_week_serious_org WHERE ${WHOLE_WEEKS}
                 UNION ALL ${EDGE_DAYS('d', (days) => `
                 SELECT d.organisation_id, d.count FROM learning_day_org d WHERE ${days} AND d.severity = 'serious'`)}
               ) u GROUP BY 1) s
         JOIN organisation o ON o.id = s.organisation_id
         WHERE ($5::text IS NULL OR o.sector = $5)
         ORDER BY s.count DESC, o.name, o.id LIMIT $6`,
        [...splitParams(q.range), q.sector ?? null, limit],
      );
    }
    return queryRows<SeriousOrganisationRow>(
      this.db,
      `SELECT o.id AS "organisationId", o.name AS "organisationName", o.sector, s.count
       FROM (SELECT organisation_id, sum(count)::int AS count FROM learning_day_serious_theme
             WHERE theme = $3 AND day >= $1::date AND day < $2::date GROUP BY 1) s
       JOIN organisation o ON o.id = s.organisation_id
       WHERE ($4::text IS NULL OR o.sector = $4)
       ORDER BY s.count DESC, o.name, o.id LIMIT $5`,
      [q.range.from, q.range.to, q.theme, q.sector ?? null, limit],
    );
  }

  async arrivalLags(range: { from: Date; to: Date }, organisationId?: string): Promise<LagHistogramRow[]> {
    return queryRows<LagHistogramRow>(
      this.db,
      `SELECT floor(extract(epoch FROM c.accepted_at - c.received_at) / 86400)::int AS "lagDays", count(*)::int AS count
       FROM complaint c
       WHERE c.status = 'processed' AND c.severity IS NOT NULL AND c.accepted_at >= $1 AND c.accepted_at < $2
         AND ($3::uuid IS NULL OR c.organisation_id = $3)
       GROUP BY 1`,
      [range.from, range.to, organisationId ?? null],
    );
  }

  async dataAsOf(): Promise<Date> {
    const [row] = await queryRows<WatermarkRow>(this.db, `SELECT watermark FROM learning_refresh_state WHERE id = 1`);
    return row.watermark instanceof Date ? row.watermark : new Date(0);
  }

  /**
   * The records behind a figure, newest first by (received_at, id), continuing below `after`.
   * Same counting rule as the figures: across bodies cluster representatives only.
   */
  async learningRecords(q: DrillQuery): Promise<DrillDownRow[]> {
    const params: unknown[] = [q.range.from, q.range.to, q.sector ?? null, q.theme ?? null, q.severity ?? null, q.organisationId ?? null, q.after?.receivedAt ?? null, q.after?.complaintId ?? null, q.limit + 1];
    return queryRows<DrillDownRow>(
      this.db,
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
