import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weekly rollups for the learning dashboard (issue #14, docs/dashboard.md "Speed"). A year across
 * bodies read ~370,000 rows of learning_day_org (per day and body) and ~100,000 of
 * learning_day_sector_theme per query; the dashboard now reads whole ISO weeks (Monday, London days)
 * from these and only the days of the partial weeks at a period's ends from the per-day tables.
 * Each is the sum of its per-day table over the week's seven days (representatives only, as the
 * per-day tables), kept so by LearningRollupRefreshRepository's refresh in the same transaction: every
 * week holding a recomputed day is recomputed from the per-day rows. The body dimension is gone
 * except for serious cases (the dashboard's "organisations with the most serious cases").
 * Filled here from the per-day tables, so no rebuild is needed.
 *
 * Serious cases of one theme across bodies were read from the complaint table (31,000 serious
 * complaints of a year fetched to test their themes: ~400 ms, three times a request). They get a
 * per-day rollup of their own, led by theme so a year of one theme is one short index range.
 */
export class LearningWeeklyRollup1766600000000 implements MigrationInterface {
  name = 'LearningWeeklyRollup1766600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE learning_week_sector (
        week date NOT NULL, sector text NOT NULL, outcome text NOT NULL, severity text NOT NULL,
        count integer NOT NULL, PRIMARY KEY (week, sector, outcome, severity)
      )`);
    await db.query(`
      CREATE TABLE learning_week_sector_theme (
        week date NOT NULL, sector text NOT NULL, theme text NOT NULL, outcome text NOT NULL,
        count integer NOT NULL, PRIMARY KEY (week, sector, theme, outcome)
      )`);
    await db.query(`
      CREATE TABLE learning_week_serious_org (
        week date NOT NULL, organisation_id uuid NOT NULL,
        count integer NOT NULL, PRIMARY KEY (week, organisation_id)
      )`);
    await db.query(`
      CREATE TABLE learning_day_serious_theme (
        day date NOT NULL, organisation_id uuid NOT NULL, theme text NOT NULL,
        count integer NOT NULL, PRIMARY KEY (day, organisation_id, theme)
      )`);
    await db.query(`CREATE INDEX learning_day_serious_theme_theme ON learning_day_serious_theme (theme, day)`);
    const week = `(r.day - (extract(isodow FROM r.day)::int - 1))`;
    await db.query(`
      INSERT INTO learning_week_sector (week, sector, outcome, severity, count)
      SELECT ${week}, o.sector, r.outcome, r.severity, sum(r.count)
      FROM learning_day_org r JOIN organisation o ON o.id = r.organisation_id GROUP BY 1, 2, 3, 4`);
    await db.query(`
      INSERT INTO learning_week_sector_theme (week, sector, theme, outcome, count)
      SELECT ${week}, r.sector, r.theme, r.outcome, sum(r.count) FROM learning_day_sector_theme r GROUP BY 1, 2, 3, 4`);
    await db.query(`
      INSERT INTO learning_week_serious_org (week, organisation_id, count)
      SELECT ${week}, r.organisation_id, sum(r.count) FROM learning_day_org r WHERE r.severity = 'serious' GROUP BY 1, 2`);
    // What the rollup counts now (learning_counted, complaint_cluster); labels changed since are recounted by the next refresh.
    await db.query(`
      INSERT INTO learning_day_serious_theme (day, organisation_id, theme, count)
      SELECT lc.day, c.organisation_id, t.theme, count(DISTINCT c.id)
      FROM learning_counted lc JOIN complaint c ON c.id = lc.complaint_id, unnest(c.themes) AS t(theme)
      WHERE c.severity = 'serious' AND NOT EXISTS (SELECT 1 FROM complaint_cluster k WHERE k.complaint_id = c.id AND k.cluster_id <> c.id)
      GROUP BY 1, 2, 3`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['learning_day_serious_theme', 'learning_week_serious_org', 'learning_week_sector_theme', 'learning_week_sector']) await db.query(`DROP TABLE ${table}`);
  }
}
