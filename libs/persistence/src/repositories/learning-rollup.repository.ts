import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { LearningAggregates, RisingTheme, ThemeCountRow, WeeklyThemeCount } from '@app/domain/learning';
import type { Sector } from '@app/domain';
import { DisjointSets } from './connected-components';

/** Days of the rollup are London calendar days of `received_at`; changing this needs a full rebuild. */
export const LEARNING_TIME_ZONE = 'Europe/London';
/** The ISO week (its Monday) of a date expression: date arithmetic, independent of the session's time zone. */
export const WEEK_OF = (day: string): string => `(${day} - (extract(isodow FROM ${day})::int - 1))`;

/**
 * Complaints whose status changed this long before the last refresh are looked at again:
 * a pipeline transaction stamps status_changed_at when it starts but becomes visible
 * only when it commits. Re-examining is harmless (days are recomputed, not incremented).
 */
const OVERLAP_SECONDS = 60;
// Two-key advisory lock (its own key space, apart from single-bigint locks): one refresh at a time.
const REFRESH_LOCK = [0x6c_65_61_72, 1] as const;
/** Reached complaints past which a refresh logs a warning (it still finishes, linear in size). */
export const LARGE_COMPONENT = 50_000;
/** Rows per page when reading links from, and writing clusters back to, PostgreSQL. */
const PAGE = 50_000;
/**
 * Processed complaints linked 'cross-body' to one complaint: an index look-up per complaint.
 * OFFSET 0 keeps it one (here and for the links among reached complaints): with statistics
 * taken before the links were written, the planner scanned every link for every complaint.
 */
const PROCESSED_NEIGHBOURS = (of: string): string => `
  SELECT l.related_id AS id FROM complaint_link l JOIN complaint r ON r.id = l.related_id AND r.status = 'processed'
  WHERE l.complaint_id = ${of} AND l.rule = 'cross-body' OFFSET 0`;

export interface RefreshResult {
  ran: boolean;
  changed: number;
  days: number;
  /** Mondays ('YYYY-MM-DD') of the weeks whose days were recomputed: where late data may have revealed a rise. */
  weeks: string[];
}

export interface ThemeFilter {
  sector?: Sector;
  organisationId?: string;
}

/** A day range of the rollup, `from` inclusive, `to` exclusive ('YYYY-MM-DD'). */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * The learning rollup and the aggregate queries over it (see docs/mail.md, "Aggregates").
 * Counted: complaints with status `processed` (never `duplicate`), on the London day they
 * were received. Across organisations, a cross-body related cluster counts once, under
 * its representative (smallest id); one organisation's own figures count all of its own.
 */
@Injectable()
export class LearningRollupRepository {
  private readonly logger = new Logger(LearningRollupRepository.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Brings the rollup up to date with complaints changed since the last run: recomputes
   * their cross-body clusters, then recomputes whole days (old and new day of each changed
   * complaint, and of every complaint whose cluster changed). Runs under a transaction-level
   * advisory lock; a concurrent call returns at once with `ran: false`.
   */
  async refresh(): Promise<RefreshResult> {
    return this.db.transaction(async (tx) => {
      const [{ locked }]: Array<{ locked: boolean }> = await tx.query(`SELECT pg_try_advisory_xact_lock($1, $2) AS locked`, [...REFRESH_LOCK]);
      if (!locked) return { ran: false, changed: 0, days: 0, weeks: [] };
      // Erased complaints (and the rest of their clusters) have no row left to change status:
      // the erasure lists them in learning_recount, so their counted days are recomputed too.
      await tx.query(`CREATE TEMP TABLE lr_recount ON COMMIT DROP AS SELECT complaint_id AS id, queued_at FROM learning_recount`);
      await tx.query(
        `CREATE TEMP TABLE lr_changed ON COMMIT DROP AS
         SELECT id FROM complaint
         WHERE status_changed_at >= (SELECT watermark FROM learning_refresh_state WHERE id = 1) - make_interval(secs => $1)
         UNION SELECT id FROM lr_recount`,
        [OVERLAP_SECONDS],
      );
      const result = await this.recompute(tx);
      // Only the entries read: one queued again meanwhile (a newer queued_at) waits for the next refresh.
      await tx.query(`DELETE FROM learning_recount r USING lr_recount t WHERE r.complaint_id = t.id AND r.queued_at = t.queued_at`);
      return result;
    });
  }

  /** Recomputes every day from scratch (first start, or after changing the counting rules). */
  async rebuildAll(): Promise<RefreshResult> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1, $2)`, [...REFRESH_LOCK]);
      await tx.query(`CREATE TEMP TABLE lr_changed ON COMMIT DROP AS SELECT id FROM complaint`);
      await tx.query(`TRUNCATE complaint_cluster, learning_counted, learning_day_org, learning_day_sector_theme, learning_day_org_theme, learning_day_sector_remedy, learning_day_serious_theme, learning_week_sector, learning_week_sector_theme, learning_week_serious_org, learning_recount`);
      return this.recompute(tx);
    });
  }

  private async recompute(tx: EntityManager): Promise<RefreshResult> {
    const zone = LEARNING_TIME_ZONE;
    const [{ changed }]: Array<{ changed: number }> = await tx.query(`SELECT count(*)::int AS changed FROM lr_changed`);
    await tx.query(`ANALYZE lr_changed`);
    // Seeds: changed complaints and every member of the clusters they were in (each cluster
    // once, however many of its members changed).
    await tx.query(`
      CREATE TEMP TABLE lr_seed ON COMMIT DROP AS
      SELECT id FROM lr_changed
      UNION
      SELECT k.complaint_id FROM complaint_cluster k
      WHERE k.cluster_id IN (SELECT k1.cluster_id FROM lr_changed ch JOIN complaint_cluster k1 ON k1.complaint_id = ch.id)`);
    await tx.query(`ANALYZE lr_seed`);
    await this.recomputeClusters(tx);
    // Whose cluster row changes; of those, whose standing as representative (counted across
    // bodies) changes. Only those, and the changed complaints, move figures between days.
    await tx.query(`
      CREATE TEMP TABLE lr_member ON COMMIT DROP AS
      SELECT u.id, k.cluster_id AS old_cluster, p.cluster_id AS new_cluster
      FROM (SELECT id FROM lr_seed UNION SELECT id FROM lr_component) u
      LEFT JOIN complaint_cluster k ON k.complaint_id = u.id
      LEFT JOIN lr_component p ON p.id = u.id
      WHERE k.cluster_id IS DISTINCT FROM p.cluster_id`);
    await tx.query(`
      CREATE TEMP TABLE lr_affected ON COMMIT DROP AS
      SELECT id FROM lr_changed
      UNION
      SELECT id FROM lr_member WHERE (coalesce(old_cluster, id) = id) <> (coalesce(new_cluster, id) = id)`);
    await tx.query(`ANALYZE lr_affected`);
    await tx.query(`DELETE FROM complaint_cluster k USING lr_member m WHERE k.complaint_id = m.id AND m.new_cluster IS NULL`);
    await tx.query(`
      INSERT INTO complaint_cluster (complaint_id, cluster_id) SELECT id, new_cluster FROM lr_member WHERE new_cluster IS NOT NULL
      ON CONFLICT (complaint_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id`);
    // Days to recompute: where each affected complaint is now, and where it was counted before.
    await tx.query(
      `CREATE TEMP TABLE lr_days ON COMMIT DROP AS
       SELECT (c.received_at AT TIME ZONE $1)::date AS day FROM lr_affected a JOIN complaint c ON c.id = a.id
       UNION
       SELECT lc.day FROM lr_affected a JOIN learning_counted lc ON lc.complaint_id = a.id`,
      [zone],
    );
    // Temp tables have no statistics until analysed; without them the planner scans whole tables.
    await tx.query(`ANALYZE lr_days`);
    // One index range scan per day. (OFFSET 0 keeps it so: while the pipeline loads complaints
    // faster than autovacuum analyses them, the planner thought few were processed and joined
    // every day to every complaint instead.)
    await tx.query(
      `CREATE TEMP TABLE lr_facts ON COMMIT DROP AS
       SELECT c.id, d.day, c.organisation_id, o.sector, c.outcome, c.severity, c.themes, c.remedies,
              NOT EXISTS (SELECT 1 FROM complaint_cluster k WHERE k.complaint_id = c.id AND k.cluster_id <> c.id) AS representative
       FROM lr_days d
       CROSS JOIN LATERAL (
         SELECT c.* FROM complaint c
         WHERE c.received_at >= (d.day::timestamp AT TIME ZONE $1) AND c.received_at < ((d.day + 1)::timestamp AT TIME ZONE $1)
           AND c.status = 'processed' AND c.severity IS NOT NULL
         OFFSET 0
       ) c
       JOIN organisation o ON o.id = c.organisation_id`,
      [zone],
    );
    await tx.query(`ANALYZE lr_facts`);
    // The recomputed days get exactly these rows, and only rows that differ are written: most
    // rows of a recomputed day are unchanged, and rewriting them all cost most of a refresh.
    // Rows that differ are deleted, then the rest inserted; ON CONFLICT DO NOTHING skips the
    // unchanged ones by a unique-index probe (an anti-join against the table being inserted
    // into was planned as a scan of it per row when it started empty).
    await tx.query(`
      DELETE FROM learning_counted t USING lr_days d
      WHERE t.day = d.day AND NOT EXISTS (SELECT 1 FROM lr_facts f WHERE f.id = t.complaint_id AND f.day = t.day)`);
    // Counted now on a recomputed day but before on another (none while the rollup is consistent).
    await tx.query(`DELETE FROM learning_counted t USING lr_facts f WHERE t.complaint_id = f.id AND t.day <> f.day`);
    await tx.query(`INSERT INTO learning_counted (complaint_id, day) SELECT id, day FROM lr_facts ON CONFLICT (complaint_id) DO NOTHING`);
    await this.replaceDays(tx, 'learning_day_org', ['day', 'organisation_id', 'outcome', 'severity'], `
      SELECT day, organisation_id, outcome, severity, count(*)::int AS count FROM lr_facts WHERE representative GROUP BY 1, 2, 3, 4`);
    await this.replaceDays(tx, 'learning_day_sector_theme', ['day', 'sector', 'theme', 'outcome'], `
      SELECT day, sector, t.theme, outcome, count(*)::int AS count FROM lr_facts, unnest(themes) AS t(theme) WHERE representative GROUP BY 1, 2, 3, 4`);
    await this.replaceDays(tx, 'learning_day_org_theme', ['day', 'organisation_id', 'theme', 'outcome'], `
      SELECT day, organisation_id, t.theme, outcome, count(*)::int AS count FROM lr_facts, unnest(themes) AS t(theme) GROUP BY 1, 2, 3, 4`);
    await this.replaceDays(tx, 'learning_day_sector_remedy', ['day', 'sector', 'remedy'], `
      SELECT day, sector, r.remedy, count(*)::int AS count FROM lr_facts, unnest(remedies) AS r(remedy) WHERE representative GROUP BY 1, 2, 3`);
    await this.replaceDays(tx, 'learning_day_serious_theme', ['day', 'organisation_id', 'theme'], `
      SELECT day, organisation_id, t.theme, count(DISTINCT id)::int AS count
      FROM lr_facts, unnest(themes) AS t(theme) WHERE representative AND severity = 'serious' GROUP BY 1, 2, 3`);
    await this.recomputeWeeks(tx);
    const [{ days, weeks }]: Array<{ days: number; weeks: string[] | null }> = await tx.query(
      `SELECT count(*)::int AS days, array_agg(DISTINCT to_char(date_trunc('week', day), 'YYYY-MM-DD')) AS weeks FROM lr_days`,
    );
    // now() is this transaction's start: anything committed later is at or after it, less the overlap.
    await tx.query(`UPDATE learning_refresh_state SET watermark = now() WHERE id = 1`);
    return { ran: true, changed, days, weeks: weeks ?? [] };
  }

  /**
   * The weekly rollups the dashboard reads (migration 1766600000000): every ISO week holding a
   * recomputed day is summed again from the per-day tables just brought up to date, so a week
   * always equals its seven days. A few weeks per incremental refresh; the first reads each
   * per-day row once.
   */
  private async recomputeWeeks(tx: EntityManager): Promise<void> {
    await tx.query(`CREATE TEMP TABLE lr_weeks ON COMMIT DROP AS SELECT DISTINCT ${WEEK_OF('day')} AS week FROM lr_days`);
    await tx.query(`ANALYZE lr_weeks`);
    const inWeek = `r.day >= w.week AND r.day < w.week + 7`;
    await this.replaceWeeks(tx, 'learning_week_sector', ['week', 'sector', 'outcome', 'severity'], `
      SELECT w.week, o.sector, r.outcome, r.severity, sum(r.count)::int AS count
      FROM lr_weeks w JOIN learning_day_org r ON ${inWeek} JOIN organisation o ON o.id = r.organisation_id
      GROUP BY 1, 2, 3, 4`);
    await this.replaceWeeks(tx, 'learning_week_sector_theme', ['week', 'sector', 'theme', 'outcome'], `
      SELECT w.week, r.sector, r.theme, r.outcome, sum(r.count)::int AS count
      FROM lr_weeks w JOIN learning_day_sector_theme r ON ${inWeek} GROUP BY 1, 2, 3, 4`);
    await this.replaceWeeks(tx, 'learning_week_serious_org', ['week', 'organisation_id'], `
      SELECT w.week, r.organisation_id, sum(r.count)::int AS count
      FROM lr_weeks w JOIN learning_day_org r ON ${inWeek} AND r.severity = 'serious' GROUP BY 1, 2`);
  }

  /**
   * replaceDays for a weekly table, in one statement: its rows are few, and on an incremental
   * refresh the four statements of replaceDays cost more in round trips than in work. The
   * deleted keys (gone from `rows`) and the upserted ones (in `rows`) never overlap.
   */
  private async replaceWeeks(tx: EntityManager, table: string, keys: string[], rows: string): Promise<void> {
    const same = keys.map((k) => `n.${k} = t.${k}`).join(' AND ');
    await tx.query(`
      WITH fresh AS MATERIALIZED (${rows}),
      gone AS (DELETE FROM ${table} t USING lr_weeks w WHERE t.week = w.week AND NOT EXISTS (SELECT 1 FROM fresh n WHERE ${same}))
      INSERT INTO ${table} AS t (${keys.join(', ')}, count) SELECT ${keys.join(', ')}, count FROM fresh
      ON CONFLICT (${keys.join(', ')}) DO UPDATE SET count = EXCLUDED.count WHERE t.count <> EXCLUDED.count`);
  }

  /**
   * Makes `table`'s rows for the days in lr_days equal to `rows` (its primary key `keys`
   * and count): deletes the rows that are gone or differ, inserts the rows it lacks (the
   * others are the same and skipped on the primary key).
   */
  private async replaceDays(tx: EntityManager, table: string, keys: string[], rows: string): Promise<void> {
    const fresh = `lr_rows_${table}`;
    const same = keys.map((k) => `n.${k} = t.${k}`).join(' AND ');
    await tx.query(`CREATE TEMP TABLE ${fresh} ON COMMIT DROP AS ${rows}`);
    await tx.query(`ANALYZE ${fresh}`);
    await tx.query(`DELETE FROM ${table} t USING lr_days d WHERE t.day = d.day AND NOT EXISTS (SELECT 1 FROM ${fresh} n WHERE ${same} AND n.count = t.count)`);
    await tx.query(`INSERT INTO ${table} (${keys.join(', ')}, count) SELECT ${keys.join(', ')}, count FROM ${fresh} ON CONFLICT DO NOTHING`);
  }

  /**
   * Fills lr_component (id, cluster_id) with the cross-body clusters of the seeds: connected
   * components over 'cross-body' links between processed complaints (stored both ways), of
   * two or more; cluster_id is the smallest member id. Linear in the seeds' components:
   * the walk records each reached complaint once (no per-seed root), its links are read once
   * more in pages, and union-find joins them here. A component is never cut short (that
   * would give wrong clusters): past LARGE_COMPONENT reached complaints it is logged.
   */
  private async recomputeClusters(tx: EntityManager): Promise<void> {
    // Numbered in id order, so a cluster's smallest number is its smallest id.
    await tx.query(`
      CREATE TEMP TABLE lr_reach ON COMMIT DROP AS
      WITH RECURSIVE walk(id) AS (
        SELECT s.id FROM lr_seed s JOIN complaint c ON c.id = s.id
        WHERE c.status = 'processed' AND EXISTS (SELECT 1 FROM complaint_link l WHERE l.complaint_id = s.id AND l.rule = 'cross-body')
        UNION
        SELECT n.id FROM walk w CROSS JOIN LATERAL (${PROCESSED_NEIGHBOURS('w.id')}) n
      )
      SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM walk`);
    await tx.query(`CREATE TEMP TABLE lr_component (id uuid PRIMARY KEY, cluster_id uuid NOT NULL) ON COMMIT DROP`);
    const [{ reached }]: Array<{ reached: number }> = await tx.query(`SELECT count(*)::int AS reached FROM lr_reach`);
    if (reached < 2) return;
    await tx.query(`CREATE UNIQUE INDEX ON lr_reach (n)`);
    await tx.query(`ANALYZE lr_reach`);
    const sets = new DisjointSets(reached);
    let linkRows = 0;
    // The links of the reached complaints (an index look-up each), then the ones among them.
    await tx.query(`
      CREATE TEMP TABLE lr_link ON COMMIT DROP AS
      SELECT a.n, l.related_id FROM lr_reach a
      CROSS JOIN LATERAL (SELECT l.related_id FROM complaint_link l WHERE l.complaint_id = a.id AND l.rule = 'cross-body' OFFSET 0) l`);
    await tx.query(`ANALYZE lr_link`);
    await tx.query(`
      DECLARE lr_edges NO SCROLL CURSOR FOR
      SELECT k.n AS a, b.n AS b FROM lr_link k JOIN lr_reach b ON b.id = k.related_id WHERE k.n <> b.n`);
    for (;;) {
      const page: Array<{ a: number; b: number }> = await tx.query(`FETCH FORWARD ${PAGE} FROM lr_edges`);
      for (const edge of page) sets.union(edge.a, edge.b);
      linkRows += page.length;
      if (page.length < PAGE) break;
    }
    await tx.query(`CLOSE lr_edges`);
    const members: number[] = [];
    const clusters: number[] = [];
    let largest = 0;
    for (let n = 1; n <= reached; n += 1) {
      const size = sets.sizeOf(n);
      if (size < 2) continue;
      members.push(n);
      clusters.push(sets.smallestOf(n));
      if (size > largest) largest = size;
    }
    for (let from = 0; from < members.length; from += PAGE) {
      await tx.query(
        `INSERT INTO lr_component (id, cluster_id)
         SELECT r.id, c.id FROM unnest($1::int[], $2::int[]) AS u(n, m) JOIN lr_reach r ON r.n = u.n JOIN lr_reach c ON c.n = u.m`,
        [members.slice(from, from + PAGE), clusters.slice(from, from + PAGE)],
      );
    }
    await tx.query(`ANALYZE lr_component`);
    if (reached > LARGE_COMPONENT) {
      const [{ seeds }]: Array<{ seeds: number }> = await tx.query(`SELECT count(*)::int AS seeds FROM lr_seed`);
      this.logger.warn(
        { seeds, reached, linkRows, clustered: members.length, largestCluster: largest, limit: LARGE_COMPONENT },
        'learning rollup: the changed complaints reach a very large cross-body component; every refresh that touches it walks all of it',
      );
    }
  }

  /** When the rollup last caught up (start of the last refresh); the epoch before the first refresh. */
  async watermark(): Promise<Date> {
    // node-pg turns '-infinity' into the number -Infinity, not a Date.
    const [row]: Array<{ watermark: Date | number }> = await this.db.query(`SELECT watermark FROM learning_refresh_state WHERE id = 1`);
    return row.watermark instanceof Date ? row.watermark : new Date(0);
  }

  /** The three GROUP BY results buildOmbudsmanSummary takes, for one day range. */
  async aggregates(range: DayRange, sector?: Sector): Promise<LearningAggregates> {
    const params = [range.from, range.to, sector ?? null];
    const [complaints, themes, remedies] = await Promise.all([
      this.db.query(
        `SELECT o.sector, o.id AS "organisationId", o.name AS "organisationName", r.outcome, r.severity, sum(r.count)::int AS count
         FROM learning_day_org r JOIN organisation o ON o.id = r.organisation_id
         WHERE r.day >= $1::date AND r.day < $2::date AND ($3::text IS NULL OR o.sector = $3)
         GROUP BY 1, 2, 3, 4, 5`,
        params,
      ),
      this.themeCounts(range, { sector }),
      this.db.query(
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
      return this.db.query(
        `SELECT r.theme, r.outcome, sum(r.count)::int AS count FROM learning_day_org_theme r
         JOIN organisation o ON o.id = r.organisation_id
         WHERE r.organisation_id = $1 AND r.day >= $2::date AND r.day < $3::date AND ($4::text IS NULL OR o.sector = $4)
         GROUP BY 1, 2`,
        [filter.organisationId, range.from, range.to, filter.sector ?? null],
      );
    }
    return this.db.query(
      `SELECT theme, outcome, sum(count)::int AS count FROM learning_day_sector_theme
       WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR sector = $3) GROUP BY 1, 2`,
      [range.from, range.to, filter.sector ?? null],
    );
  }

  /** Weekly (Monday) counts per sector and theme for the `weeks` weeks up to and including `currentWeekStart`. */
  async weeklySectorThemeCounts(currentWeekStart: string, weeks: number): Promise<WeeklyThemeCount[]> {
    return this.db.query(
      `SELECT sector, theme, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS "weekStart", sum(count)::int AS count
       FROM learning_day_sector_theme
       WHERE day >= $1::date - $2::int * 7 AND day < $1::date + 7
       GROUP BY 1, 2, 3`,
      [currentWeekStart, weeks - 1],
    );
  }

  /** Counted complaints per week of receipt (Monday 'YYYY-MM-DD'), clusters once, for the `weeks` weeks up to and including `currentWeekStart`. */
  async weeklyTotals(currentWeekStart: string, weeks: number, sector?: Sector): Promise<Array<{ weekStart: string; count: number }>> {
    return this.db.query(
      `SELECT to_char(date_trunc('week', r.day), 'YYYY-MM-DD') AS "weekStart", sum(r.count)::int AS count
       FROM learning_day_org r JOIN organisation o ON o.id = r.organisation_id
       WHERE r.day >= $1::date - $2::int * 7 AND r.day < $1::date + 7 AND ($3::text IS NULL OR o.sector = $3)
       GROUP BY 1 ORDER BY 1`,
      [currentWeekStart, weeks - 1, sector ?? null],
    );
  }

  /**
   * Records rising themes not alerted before (one row per sector, theme and week, whoever
   * detects it first) and, in the same transaction, one alert email per Ombudsman contact
   * listing the themes this call was first to record. Returns the emails to send.
   */
  async recordRisingThemes(rising: RisingTheme[], context: { revealedLate?: boolean } = {}): Promise<string[]> {
    if (rising.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const fresh: RisingTheme[] = [];
      for (const r of rising) {
        const rows: unknown[] = await tx.query(
          `INSERT INTO rising_theme_alert (sector, theme, week_start, count, baseline_mean, ratio)
           VALUES ($1, $2, $3::date, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING sector`,
          [r.sector, r.theme, r.weekStart, r.count, r.baselineMean, r.ratio],
        );
        if (rows.length > 0) fresh.push(r);
      }
      if (fresh.length === 0) return [];
      const key = `rising:${fresh[0].weekStart}:${fresh.map((r) => `${r.sector}/${r.theme}`).sort().join(',')}`;
      const mails: Array<{ id: string }> = await tx.query(
        `INSERT INTO ombudsman_mail (kind, contact_id, key, payload)
         SELECT 'rising-theme', ct.id, $1, $2::jsonb FROM contact ct JOIN organisation o ON o.id = ct.organisation_id
         WHERE o.kind = 'ombudsman'
         ON CONFLICT (kind, contact_id, key) DO NOTHING RETURNING id`,
        [key, JSON.stringify({ weekStart: fresh[0].weekStart, rising: fresh, revealedLate: context.revealedLate === true })],
      );
      return mails.map((row) => row.id);
    });
  }
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: LEARNING_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The London calendar day of an instant, 'YYYY-MM-DD' (the rollup's day). */
export function learningDay(instant: Date): string {
  return DAY_FORMAT.format(instant);
}

/** 'YYYY-MM-DD' plus a number of days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday on or before a 'YYYY-MM-DD' day. */
export function weekStartOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}
