import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ComplaintCountRow, LagHistogramRow, LearningAggregates, RemedyCountRow, ThemeCountRow } from '@app/domain/learning';
import type { Sector } from '@app/domain';
import { queryRows } from './query-rows';

/** An instant range, `from` inclusive, `to` exclusive. */
export interface InstantRange {
  from: Date;
  to: Date;
}

/**
 * Counted as the rollup counts (processed, severity known; across bodies a cross-body
 * cluster once, under its representative), but chosen by *arrival* (accepted_at).
 */
const ARRIVED = (alias: string): string => `
  ${alias}.status = 'processed' AND ${alias}.severity IS NOT NULL
  AND ${alias}.accepted_at >= $1 AND ${alias}.accepted_at < $2
  AND NOT EXISTS (SELECT 1 FROM complaint_cluster k WHERE k.complaint_id = ${alias}.id AND k.cluster_id <> ${alias}.id)`;

interface CountRow {
  n: number;
}

const LAG_DAYS = `floor(extract(epoch FROM c.accepted_at - c.received_at) / 86400)::int`;

/**
 * Learning figures by the second clock, read from the complaint table (by accepted_at, a
 * partial index), and the lag figures that describe the two clocks. See docs/digests.md.
 */
@Injectable()
export class LearningArrivalRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The three GROUP BY results buildOmbudsmanSummary takes, for complaints that arrived in `range`. */
  async aggregates(range: InstantRange, sector?: Sector): Promise<LearningAggregates> {
    const params = [range.from, range.to, sector ?? null];
    const where = `${ARRIVED('c')} AND ($3::text IS NULL OR o.sector = $3)`;
    const [complaints, themes, remedies] = await Promise.all([
      queryRows<ComplaintCountRow>(
        this.db,
        `SELECT o.sector, o.id AS "organisationId", o.name AS "organisationName", c.outcome, c.severity, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id WHERE ${where} GROUP BY 1, 2, 3, 4, 5`,
        params,
      ),
      queryRows<ThemeCountRow>(
        this.db,
        `SELECT t.theme, c.outcome, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id, unnest(c.themes) AS t(theme) WHERE ${where} GROUP BY 1, 2`,
        params,
      ),
      queryRows<RemedyCountRow>(
        this.db,
        `SELECT r.remedy, count(*)::int AS count
         FROM complaint c JOIN organisation o ON o.id = c.organisation_id, unnest(c.remedies) AS r(remedy) WHERE ${where} GROUP BY 1`,
        params,
      ),
    ]);
    return { complaints, themes, remedies };
  }

  /** Lags (arrival − receipt, whole days) of the complaints that arrived in `range`. */
  async arrivalLags(range: InstantRange, sector?: Sector): Promise<LagHistogramRow[]> {
    return queryRows<LagHistogramRow>(
      this.db,
      `SELECT ${LAG_DAYS} AS "lagDays", count(*)::int AS count
       FROM complaint c JOIN organisation o ON o.id = c.organisation_id
       WHERE ${ARRIVED('c')} AND ($3::text IS NULL OR o.sector = $3) GROUP BY 1`,
      [range.from, range.to, sector ?? null],
    );
  }

  /** Lags of the counted complaints *received* in `range` that have arrived so far. */
  async receiptLags(range: InstantRange, filter: { sector?: Sector; organisationId?: string } = {}): Promise<LagHistogramRow[]> {
    return queryRows<LagHistogramRow>(
      this.db,
      `SELECT ${LAG_DAYS} AS "lagDays", count(*)::int AS count
       FROM complaint c JOIN organisation o ON o.id = c.organisation_id
       WHERE c.status = 'processed' AND c.severity IS NOT NULL AND c.received_at >= $1 AND c.received_at < $2
         AND ($3::text IS NULL OR o.sector = $3) AND ($4::uuid IS NULL OR c.organisation_id = $4)
       GROUP BY 1`,
      [range.from, range.to, filter.sector ?? null, filter.organisationId ?? null],
    );
  }

  /**
   * Counted complaints received in `range` that arrived after it ended: how much a past
   * period's figures moved after the period closed.
   */
  async arrivedAfter(range: InstantRange, filter: { sector?: Sector; organisationId?: string } = {}): Promise<number> {
    const [row] = await queryRows<CountRow>(
      this.db,
      `SELECT count(*)::int AS n FROM complaint c JOIN organisation o ON o.id = c.organisation_id
       WHERE c.status = 'processed' AND c.severity IS NOT NULL AND c.received_at >= $1 AND c.received_at < $2 AND c.accepted_at >= $2
         AND ($3::text IS NULL OR o.sector = $3) AND ($4::uuid IS NULL OR c.organisation_id = $4)`,
      [range.from, range.to, filter.sector ?? null, filter.organisationId ?? null],
    );
    return row.n;
  }

  /** Whether anything counted arrived in `range` (the weekly summary is sent only then). */
  async anyArrived(range: InstantRange): Promise<boolean> {
    const rows = await queryRows<CountRow>(this.db, `SELECT 1 AS n FROM complaint c WHERE ${ARRIVED('c')} LIMIT 1`, [range.from, range.to]);
    return rows.length > 0;
  }
}
