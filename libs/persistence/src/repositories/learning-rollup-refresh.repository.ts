import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LEARNING_TIME_ZONE, type RisingTheme } from '@app/domain/learning';
import { recomputeClusters } from './learning-clusters';
import { WEEK_OF } from './learning-sql';
import { execute, queryRows } from './query-rows';

/**
 * Complaints whose status changed this long before the last refresh are looked at again:
 * a pipeline transaction stamps status_changed_at when it starts but becomes visible
 * only when it commits. Re-examining is harmless (days are recomputed, not incremented).
 */
const OVERLAP_SECONDS = 60;
// Two-key advisory lock (its own key space, apart from single-bigint locks): one refresh at a time.
const REFRESH_LOCK = [0x6c_65_61_72, 1] as const;

export interface RefreshResult {
  ran: boolean;
  changed: number;
  days: number;
  /** Mondays ('YYYY-MM-DD') of the weeks whose days were recomputed: where late data may have revealed a rise. */
  weeks: string[];
}

interface LockRow {
  locked: boolean;
}

interface ChangedRow {
  changed: number;
}

interface RecomputedRow {
  days: number;
  weeks: string[] | null;
}

interface IdRow {
  id: string;
}

/** A rising theme recorded by this call (none when another refresh recorded it first). */
interface AlertRow {
  sector: string;
}

/**
 * Keeps the learning rollup (see docs/mail.md, "Aggregates") up to date; LearningRollupRepository
 * reads it. Counted: complaints with status `processed` (never `duplicate`), on the London day
 * they were received. Across organisations, a cross-body related cluster counts once, under
 * its representative (smallest id); one organisation's own figures count all of its own.
 * Also records rising themes, the one write that follows from reading the refreshed rollup.
 */
@Injectable()
export class LearningRollupRefreshRepository {
  private readonly logger = new Logger(LearningRollupRefreshRepository.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Brings the rollup up to date with complaints changed since the last run: recomputes
   * their cross-body clusters, then recomputes whole days (old and new day of each changed
   * complaint, and of every complaint whose cluster changed). Runs under a transaction-level
   * advisory lock; a concurrent call returns at once with `ran: false`.
   */
  async refresh(): Promise<RefreshResult> {
    return this.db.transaction(async (tx) => {
      const [{ locked }] = await queryRows<LockRow>(tx, `SELECT pg_try_advisory_xact_lock($1, $2) AS locked`, [...REFRESH_LOCK]);
      if (!locked) return { ran: false, changed: 0, days: 0, weeks: [] };
      // Erased complaints (and the rest of their clusters) have no row left to change status:
      // the erasure lists them in learning_recount, so their counted days are recomputed too.
      await execute(tx, `CREATE TEMP TABLE lr_recount ON COMMIT DROP AS SELECT complaint_id AS id, queued_at FROM learning_recount`);
      await execute(
        tx,
        `CREATE TEMP TABLE lr_changed ON COMMIT DROP AS
         SELECT id FROM complaint
         WHERE status_changed_at >= (SELECT watermark FROM learning_refresh_state WHERE id = 1) - make_interval(secs => $1)
         UNION SELECT id FROM lr_recount`,
        [OVERLAP_SECONDS],
      );
      const result = await this.recompute(tx);
      // Only the entries read: one queued again meanwhile (a newer queued_at) waits for the next refresh.
      await execute(tx, `DELETE FROM learning_recount r USING lr_recount t WHERE r.complaint_id = t.id AND r.queued_at = t.queued_at`);
      return result;
    });
  }

  /** Recomputes every day from scratch (first start, or after changing the counting rules). */
  async rebuildAll(): Promise<RefreshResult> {
    return this.db.transaction(async (tx) => {
      await execute(tx, `SELECT pg_advisory_xact_lock($1, $2)`, [...REFRESH_LOCK]);
      await execute(tx, `CREATE TEMP TABLE lr_changed ON COMMIT DROP AS SELECT id FROM complaint`);
      await execute(tx, `TRUNCATE complaint_cluster, learning_counted, learning_day_org, learning_day_sector_theme, learning_day_org_theme, learning_day_sector_remedy, learning_day_serious_theme, learning_week_sector, learning_week_sector_theme, learning_week_serious_org, learning_recount`);
      return this.recompute(tx);
    });
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
        const rows = await queryRows<AlertRow>(
          tx,
          `INSERT INTO rising_theme_alert (sector, theme, week_start, count, baseline_mean, ratio)
           VALUES ($1, $2, $3::date, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING sector`,
          [r.sector, r.theme, r.weekStart, r.count, r.baselineMean, r.ratio],
        );
        if (rows.length > 0) fresh.push(r);
      }
      if (fresh.length === 0) return [];
      const key = `rising:${fresh[0].weekStart}:${fresh.map((r) => `${r.sector}/${r.theme}`).sort().join(',')}`;
      const mails = await queryRows<IdRow>(
        tx,
        `INSERT INTO ombudsman_mail (kind, contact_id, key, payload)
         SELECT 'rising-theme', ct.id, $1, $2::jsonb FROM contact ct JOIN organisation o ON o.id = ct.organisation_id
         WHERE o.kind = 'ombudsman'
         ON CONFLICT (kind, contact_id, key) DO NOTHING RETURNING id`,
        [key, JSON.stringify({ weekStart: fresh[0].weekStart, rising: fresh, revealedLate: context.revealedLate === true })],
      );
      return mails.map((row) => row.id);
    });
  }

  private async recompute(tx: EntityManager): Promise<RefreshResult> {
    const zone = LEARNING_TIME_ZONE;
    const [{ changed }] = await queryRows<ChangedRow>(tx, `SELECT count(*)::int AS changed FROM lr_changed`);
    await execute(tx, `ANALYZE lr_changed`);
    // Seeds: changed complaints and every member of the clusters they were in (each cluster
    // once, however many of its members changed).
    await execute(tx, `
      CREATE TEMP TABLE lr_seed ON COMMIT DROP AS
      SELECT id FROM lr_changed
      UNION
      SELECT k.complaint_id FROM complaint_cluster k
      WHERE k.cluster_id IN (SELECT k1.cluster_id FROM lr_changed ch JOIN complaint_cluster k1 ON k1.complaint_id = ch.id)`);
    await execute(tx, `ANALYZE lr_seed`);
    await recomputeClusters(tx, this.logger);
    // Whose cluster row changes; of those, whose standing as representative (counted across
    // bodies) changes. Only those, and the changed complaints, move figures between days.
    await execute(tx, `
      CREATE TEMP TABLE lr_member ON COMMIT DROP AS
      SELECT u.id, k.cluster_id AS old_cluster, p.cluster_id AS new_cluster
      FROM (SELECT id FROM lr_seed UNION SELECT id FROM lr_component) u
      LEFT JOIN complaint_cluster k ON k.complaint_id = u.id
      LEFT JOIN lr_component p ON p.id = u.id
      WHERE k.cluster_id IS DISTINCT FROM p.cluster_id`);
    await execute(tx, `
      CREATE TEMP TABLE lr_affected ON COMMIT DROP AS
      SELECT id FROM lr_changed
      UNION
      SELECT id FROM lr_member WHERE (coalesce(old_cluster, id) = id) <> (coalesce(new_cluster, id) = id)`);
    await execute(tx, `ANALYZE lr_affected`);
    await execute(tx, `DELETE FROM complaint_cluster k USING lr_member m WHERE k.complaint_id = m.id AND m.new_cluster IS NULL`);
    await execute(tx, `
      INSERT INTO complaint_cluster (complaint_id, cluster_id) SELECT id, new_cluster FROM lr_member WHERE new_cluster IS NOT NULL
      ON CONFLICT (complaint_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id`);
    // Days to recompute: where each affected complaint is now, and where it was counted before.
    await execute(
      tx,
      `CREATE TEMP TABLE lr_days ON COMMIT DROP AS
       SELECT (c.received_at AT TIME ZONE $1)::date AS day FROM lr_affected a JOIN complaint c ON c.id = a.id
       UNION
       SELECT lc.day FROM lr_affected a JOIN learning_counted lc ON lc.complaint_id = a.id`,
      [zone],
    );
    // Temp tables have no statistics until analysed; without them the planner scans whole tables.
    await execute(tx, `ANALYZE lr_days`);
    // One index range scan per day. (OFFSET 0 keeps it so: while the pipeline loads complaints
    // faster than autovacuum analyses them, the planner thought few were processed and joined
    // every day to every complaint instead.)
    await execute(
      tx,
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
    await execute(tx, `ANALYZE lr_facts`);
    await this.recountDays(tx);
    await this.recomputeWeeks(tx);
    const [{ days, weeks }] = await queryRows<RecomputedRow>(
      tx,
      `SELECT count(*)::int AS days, array_agg(DISTINCT to_char(date_trunc('week', day), 'YYYY-MM-DD')) AS weeks FROM lr_days`,
    );
    // now() is this transaction's start: anything committed later is at or after it, less the overlap.
    await execute(tx, `UPDATE learning_refresh_state SET watermark = now() WHERE id = 1`);
    return { ran: true, changed, days, weeks: weeks ?? [] };
  }

  /**
   * The recomputed days (lr_days) get exactly the rows of their facts (lr_facts), and only
   * rows that differ are written: most rows of a recomputed day are unchanged, and rewriting
   * them all cost most of a refresh. Rows that differ are deleted, then the rest inserted;
   * ON CONFLICT DO NOTHING skips the unchanged ones by a unique-index probe (an anti-join
   * against the table being inserted into was planned as a scan of it per row when it started empty).
   */
  private async recountDays(tx: EntityManager): Promise<void> {
    await execute(tx, `
      DELETE FROM learning_counted t USING lr_days d
      WHERE t.day = d.day AND NOT EXISTS (SELECT 1 FROM lr_facts f WHERE f.id = t.complaint_id AND f.day = t.day)`);
    // Counted now on a recomputed day but before on another (none while the rollup is consistent).
    await execute(tx, `DELETE FROM learning_counted t USING lr_facts f WHERE t.complaint_id = f.id AND t.day <> f.day`);
    await execute(tx, `INSERT INTO learning_counted (complaint_id, day) SELECT id, day FROM lr_facts ON CONFLICT (complaint_id) DO NOTHING`);
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
  }

  /**
   * The weekly rollups the dashboard reads (migration 1766600000000): every ISO week holding a
   * recomputed day is summed again from the per-day tables just brought up to date, so a week
   * always equals its seven days. A few weeks per incremental refresh; the first reads each
   * per-day row once.
   */
  private async recomputeWeeks(tx: EntityManager): Promise<void> {
    await execute(tx, `CREATE TEMP TABLE lr_weeks ON COMMIT DROP AS SELECT DISTINCT ${WEEK_OF('day')} AS week FROM lr_days`);
    await execute(tx, `ANALYZE lr_weeks`);
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
    await execute(tx, `
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
    await execute(tx, `CREATE TEMP TABLE ${fresh} ON COMMIT DROP AS ${rows}`);
    await execute(tx, `ANALYZE ${fresh}`);
    await execute(tx, `DELETE FROM ${table} t USING lr_days d WHERE t.day = d.day AND NOT EXISTS (SELECT 1 FROM ${fresh} n WHERE ${same} AND n.count = t.count)`);
    await execute(tx, `INSERT INTO ${table} (${keys.join(', ')}, count) SELECT ${keys.join(', ')}, count FROM ${fresh} ON CONFLICT DO NOTHING`);
  }
}
