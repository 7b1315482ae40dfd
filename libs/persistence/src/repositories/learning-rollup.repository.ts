import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ComplaintCountRow, LearningAggregates, RemedyCountRow, ThemeCountRow, WeeklyThemeCount } from '@app/domain/learning';
import type { Sector } from '@app/domain';
import { queryRows } from './query-rows';

export interface ThemeFilter {
  sector?: Sector;
  organisationId?: string;
}

/** A day range of the rollup, `from` inclusive, `to` exclusive ('YYYY-MM-DD'). */
export interface DayRange {
  from: string;
  to: string;
}

interface WatermarkRow {
  /** node-pg turns '-infinity' (before the first refresh) into the number -Infinity, not a Date. */
  watermark: Date | number;
}

/** Counted complaints received in one week. */
export interface WeeklyTotalRow {
  /** Monday 'YYYY-MM-DD'. */
  weekStart: string;
  count: number;
}

/**
 * The aggregate queries over the learning rollup (see docs/mail.md, "Aggregates"), which
 * LearningRollupRefreshRepository keeps up to date. Counted: complaints with status
 * `processed` (never `duplicate`), on the London day they were received. Across
 * organisations, a cross-body related cluster counts once, under its representative
 * (smallest id); one organisation's own figures count all of its own.
 */
@Injectable()
export class LearningRollupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** When the rollup last caught up (start of the last refresh); the epoch before the first refresh. */
  async watermark(): Promise<Date> {
    const [row] = await queryRows<WatermarkRow>(this.db, `SELECT watermark FROM learning_refresh_state WHERE id = 1`);
    return row.watermark instanceof Date ? row.watermark : new Date(0);
  }

  /** The three GROUP BY results buildOmbudsmanSummary takes, for one day range. */
  async aggregates(range: DayRange, sector?: Sector): Promise<LearningAggregates> {
    const params = [range.from, range.to, sector ?? null];
    const [complaints, themes, remedies] = await Promise.all([
      queryRows<ComplaintCountRow>(
        this.db,
        `SELECT o.sector, o.id AS "organisationId", o.name AS "organisationName", r.outcome, r.severity, sum(r.count)::int AS count
         FROM learning_day_org r JOIN organisation o ON o.id = r.organisation_id
         WHERE r.day >= $1::date AND r.day < $2::date AND ($3::text IS NULL OR o.sector = $3)
         GROUP BY 1, 2, 3, 4, 5`,
        params,
      ),
      this.themeCounts(range, { sector }),
      queryRows<RemedyCountRow>(
        this.db,
        `SELECT remedy, sum(count)::int AS count FROM learning_day_sector_remedy
         WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR sector = $3) GROUP BY 1`,
        params,
      ),
    ]);
    return { complaints, themes, remedies };
  }

  /** Theme × outcome counts: across organisations (clusters once), or for one organisation (all its own). */
  async themeCounts(range: DayRange, filter: ThemeFilter): Promise<ThemeCountRow[]> {
    if (filter.organisationId) {
      return queryRows<ThemeCountRow>(
        this.db,
        `SELECT r.theme, r.outcome, sum(r.count)::int AS count FROM learning_day_org_theme r
         JOIN organisation o ON o.id = r.organisation_id
         WHERE r.organisation_id = $1 AND r.day >= $2::date AND r.day < $3::date AND ($4::text IS NULL OR o.sector = $4)
         GROUP BY 1, 2`,
        [filter.organisationId, range.from, range.to, filter.sector ?? null],
      );
    }
    return queryRows<ThemeCountRow>(
      this.db,
      `SELECT theme, outcome, sum(count)::int AS count FROM learning_day_sector_theme
       WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR sector = $3) GROUP BY 1, 2`,
      [range.from, range.to, filter.sector ?? null],
    );
  }

  /** Weekly (Monday) counts per sector and theme for the `weeks` weeks up to and including `currentWeekStart`. */
  async weeklySectorThemeCounts(currentWeekStart: string, weeks: number): Promise<WeeklyThemeCount[]> {
    return queryRows<WeeklyThemeCount>(
      this.db,
      `SELECT sector, theme, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS "weekStart", sum(count)::int AS count
       FROM learning_day_sector_theme
       WHERE day >= $1::date - $2::int * 7 AND day < $1::date + 7
       GROUP BY 1, 2, 3`,
      [currentWeekStart, weeks - 1],
    );
  }

  /** Counted complaints per week of receipt (Monday 'YYYY-MM-DD'), clusters once, for the `weeks` weeks up to and including `currentWeekStart`. */
  async weeklyTotals(currentWeekStart: string, weeks: number, sector?: Sector): Promise<WeeklyTotalRow[]> {
    return queryRows<WeeklyTotalRow>(
      this.db,
      `SELECT to_char(date_trunc('week', r.day), 'YYYY-MM-DD') AS "weekStart", sum(r.count)::int AS count
       FROM learning_day_org r JOIN organisation o ON o.id = r.organisation_id
       WHERE r.day >= $1::date - $2::int * 7 AND r.day < $1::date + 7 AND ($3::text IS NULL OR o.sector = $3)
       GROUP BY 1 ORDER BY 1`,
      [currentWeekStart, weeks - 1, sector ?? null],
    );
  }
}
