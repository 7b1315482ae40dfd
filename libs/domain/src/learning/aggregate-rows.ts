import type { Outcome, Remedy, Sector, Severity, ThemeId } from '../model/taxonomy';
import type { CountLike } from './counts';

/*
 * Row shapes are plain GROUP BY outputs so the worker and ingest can pass query results
 * straight in. Complaints, themes and remedies are separate queries on purpose: a complaint
 * has several themes and several remedies, so one wide GROUP BY over all three would count
 * a complaint once per theme × remedy and inflate every total.
 */

/**
 * One row per (sector, organisation, outcome, severity); each complaint counted once.
 *
 *   SELECT o.sector, o.id AS "organisationId", o.name AS "organisationName",
 *          c.outcome, c.severity, count(*) AS count
 *   FROM complaints c JOIN organisations o ON o.id = c.organisation_id
 *   WHERE c.processed_at >= $1 AND c.processed_at < $2 AND c.status = 'processed'
 *   GROUP BY 1, 2, 3, 4, 5
 */
export interface ComplaintCountRow {
  sector: Sector;
  organisationId: string;
  organisationName: string;
  outcome: Outcome;
  severity: Severity;
  count: CountLike;
}

/**
 * One row per (theme, outcome), optionally split further by sector or organisation (the
 * extra columns are summed away). A complaint with three themes appears under each.
 *
 *   SELECT t.theme, c.outcome, count(*) AS count FROM complaint_themes t JOIN complaints c …
 *   GROUP BY 1, 2
 */
export interface ThemeCountRow {
  theme: ThemeId;
  outcome: Outcome;
  count: CountLike;
  sector?: Sector;
  organisationId?: string;
}

/** One row per remedy: `SELECT r AS remedy, count(*) FROM complaints, unnest(remedies) r … GROUP BY 1`. */
export interface RemedyCountRow {
  remedy: Remedy;
  count: CountLike;
  sector?: Sector;
}

export interface LearningAggregates {
  complaints: ComplaintCountRow[];
  themes: ThemeCountRow[];
  /** Only needed for the current period. */
  remedies?: RemedyCountRow[];
}
