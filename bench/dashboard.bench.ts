/**
 * The learning dashboard at scale (issue #14): seeds N complaints (default 1,000,000) straight
 * into its own database with generate_series — 300 bodies of very different sizes, sectors
 * with their own themes, realistic severities, outcomes and arrival lags over two years —
 * builds the rollup the way production does (LearningRollupRefreshRepository.refresh), then times
 * assembling the dashboard model and rendering its five charts over varied filters, and
 * prints the rollup refresh figures of the same run as the baseline. Stops if the weekly and
 * serious-by-theme rollups (docs/dashboard.md, "Weekly rollups") disagree with what they summarise.
 *   npm run bench -- --only dashboard [--complaints N] [--requests N] [--keep-database]
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { DashboardModelService, renderDashboardCharts, validateDashboardFilters, type DashboardScope, type RawQuery } from '@app/domain/dashboard';
import { SECTORS, THEME_IDS } from '@app/domain';
import { learningDay } from '@app/domain/learning';
import { dataSourceOptions, dropDatabase, ensureDatabase, LearningDashboardRepository, LearningRollupRefreshRepository } from '@app/persistence';

const say = (line: string) => console.log(`[bench:dashboard] ${line}`);

interface DashboardBenchSettings {
  complaints: number;
  requests: number;
  databaseUrl: string;
  keep: boolean;
}

function parse(argv: string[]): DashboardBenchSettings {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const int = (flag: string, fallback: number): number => {
    const raw = value(flag);
    const n = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, got ${raw}`);
    return n;
  };
  return {
    complaints: int('--complaints', 1_000_000),
    requests: int('--requests', 200),
    databaseUrl: value('--database-url') ?? process.env.BENCH_DASHBOARD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/clp_bench_dashboard',
    keep: argv.includes('--keep-database'),
  };
}

/** Per sector (SECTORS order), the ten themes its complaints are mostly about, commonest first. */
const POOLS = [
  ['clinical-care', 'communication', 'diagnosis', 'medication', 'discharge-transfer', 'delay', 'staff-attitude', 'dignity-privacy', 'safeguarding', 'record-keeping'],
  ['housing', 'planning-environment', 'communication', 'delay', 'complaint-handling', 'education-send', 'social-care', 'policy-decision', 'financial-remedy-billing', 'access-to-services'],
  ['benefits-tax', 'delay', 'communication', 'policy-decision', 'complaint-handling', 'financial-remedy-billing', 'record-keeping', 'access-to-services', 'discrimination-equality', 'staff-attitude'],
  ['social-care', 'safeguarding', 'communication', 'dignity-privacy', 'financial-remedy-billing', 'delay', 'staff-attitude', 'access-to-services', 'complaint-handling', 'record-keeping'],
  ['communication', 'delay', 'complaint-handling', 'policy-decision', 'access-to-services', 'staff-attitude', 'record-keeping', 'financial-remedy-billing', 'discrimination-equality', 'dignity-privacy'],
];

async function seed(db: DataSource, complaints: number): Promise<void> {
  await db.query(`SELECT setseed(0.20261204)`);
  await db.query(`
    INSERT INTO organisation (name, kind, sector, api_key_hash, api_key_prefix)
    SELECT 'Body ' || lpad(i::text, 3, '0'), 'public-body', (ARRAY['health','health','local-government','central-government','social-care','other'])[1 + i % 6], 'h' || i, 'p'
    FROM generate_series(1, 300) i`);
  // Body k (1..300) is chosen with probability falling with k (a few large trusts and councils,
  // many small practices); lags are skewed (median ~30 days, up to 240); only what has arrived by now is stored.
  await db.query(
    `WITH orgs AS (SELECT array_agg(id ORDER BY name) AS ids, array_agg(array_position($3::text[], sector) ORDER BY name) AS sectors
                   FROM organisation WHERE kind = 'public-body'),
     raw AS (
       SELECT i, 1 + floor(300 * power(random() + 0 * i, 2.2))::int AS o, now() - random() * interval '730 days' AS received,
              random() AS s, random() AS u, random() AS t1, random() AS t2, power(random(), 3) * interval '240 days' AS lag
       FROM generate_series(1, ($1 * 1.12)::int) i)
     INSERT INTO complaint (organisation_id, reference, content_hash, status, received_at, service_area, stage, summary, outcome,
                            severity, themes, learning_summary, processed_at, accepted_at, status_changed_at)
     SELECT orgs.ids[r.o], 'R' || r.i, md5(r.i::text), CASE WHEN r.i % 33 = 0 THEN 'duplicate' ELSE 'processed' END,
            r.received, 'Area ' || (r.i % 40), 'local', 'seeded complaint ' || r.i,
            CASE WHEN r.u < 0.22 THEN 'upheld' WHEN r.u < 0.40 THEN 'partly-upheld' WHEN r.u < 0.75 THEN 'not-upheld'
                 WHEN r.u < 0.87 THEN 'resolved' WHEN r.u < 0.92 THEN 'withdrawn' ELSE 'open' END,
            CASE WHEN r.s < 0.35 THEN 'low' WHEN r.s < 0.75 THEN 'medium' WHEN r.s < 0.93 THEN 'high' ELSE 'serious' END,
            CASE WHEN r.t2 < 0.55
                 THEN ARRAY[($2::text[])[orgs.sectors[r.o]][1 + floor(10 * power(r.t1, 1.6))::int]]
                 ELSE ARRAY[($2::text[])[orgs.sectors[r.o]][1 + floor(10 * power(r.t1, 1.6))::int],
                            ($2::text[])[orgs.sectors[r.o]][1 + (floor(10 * power(r.t1, 1.6))::int + 1 + floor(r.t2 * 9)::int) % 10]]
            END,
            'Seeded summary ' || r.i || '. Change: seeded change.', now(), r.received + r.lag, now() - interval '1 hour'
     FROM raw r, orgs
     WHERE r.received + r.lag < now()
     LIMIT $1`,
    [complaints, POOLS, SECTORS],
  );
  // 1 in 200 complaints is the same case at a second body: it counts once across bodies.
  // (Statistics first, and a throwaway index: without them the planner joined every pair candidate to every complaint.)
  await db.query('ANALYZE complaint');
  await db.query(`CREATE INDEX bench_reference ON complaint (reference)`);
  await db.query(`
    WITH pairs AS (SELECT a.id AS a, b.id AS b FROM complaint a JOIN complaint b ON b.reference = 'R' || (substr(a.reference, 2)::int + 1)
                   WHERE a.reference ~ '^R[0-9]+00$' AND substr(a.reference, 2)::int % 200 = 0 AND a.status = 'processed' AND b.status = 'processed'
                     AND a.organisation_id <> b.organisation_id)
    INSERT INTO complaint_link (complaint_id, related_id, rule) SELECT a, b, 'cross-body' FROM pairs UNION ALL SELECT b, a, 'cross-body' FROM pairs
    ON CONFLICT DO NOTHING`);
  await db.query(`DROP INDEX bench_reference`);
  await db.query('ANALYZE');
}

/**
 * Rows by which the dashboard's rollups differ from what they summarise, after the refreshes:
 * each weekly table against its per-day table summed by ISO week, and serious cases by day and
 * theme against the counted complaints themselves. Anything but 0 is a bug in the refresh.
 */
async function rollupDrift(db: DataSource): Promise<number> {
  const differ = (a: string, b: string) => `(SELECT count(*) FROM ((${a} EXCEPT ALL ${b}) UNION ALL (${b} EXCEPT ALL ${a})) x)`;
  const week = `date_trunc('week', d.day)::date`;
  const [{ rows }]: Array<{ rows: number }> = await db.query(`SELECT (
    ${differ(`SELECT week, sector, outcome, severity, count FROM learning_week_sector`,
             `SELECT ${week}, o.sector, d.outcome, d.severity, sum(d.count)::int FROM learning_day_org d JOIN organisation o ON o.id = d.organisation_id GROUP BY 1, 2, 3, 4`)} +
    ${differ(`SELECT week, sector, theme, outcome, count FROM learning_week_sector_theme`,
             `SELECT ${week}, d.sector, d.theme, d.outcome, sum(d.count)::int FROM learning_day_sector_theme d GROUP BY 1, 2, 3, 4`)} +
    ${differ(`SELECT week, organisation_id, count FROM learning_week_serious_org`,
             `SELECT ${week}, d.organisation_id, sum(d.count)::int FROM learning_day_org d WHERE d.severity = 'serious' GROUP BY 1, 2`)} +
    ${differ(`SELECT day, organisation_id, theme, count FROM learning_day_serious_theme`,
             `SELECT (c.received_at AT TIME ZONE 'Europe/London')::date, c.organisation_id, t.theme, count(*)::int
              FROM complaint c, unnest(c.themes) AS t(theme)
              WHERE c.status = 'processed' AND c.severity = 'serious'
                AND NOT EXISTS (SELECT 1 FROM complaint_cluster k WHERE k.complaint_id = c.id AND k.cluster_id <> c.id)
              GROUP BY 1, 2, 3`)})::int AS rows`);
  return rows;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function summary(times: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), max: round(sorted[sorted.length - 1]) };
}

/** Runs the phase; returns the figures for bench/results (also printed). */
export async function runDashboardBench(argv: string[] = []): Promise<Record<string, unknown>> {
  const settings = parse(argv);
  await dropDatabase(settings.databaseUrl);
  await ensureDatabase(settings.databaseUrl);
  const db = new DataSource({ ...dataSourceOptions({ databaseUrl: settings.databaseUrl, migrateOnStart: true }), logging: ['error'] });
  await db.initialize();
  try {
    say(`seeding ${settings.complaints.toLocaleString('en-GB')} complaints over two years (300 bodies)…`);
    let started = performance.now();
    await seed(db, settings.complaints);
    const [{ stored }]: Array<{ stored: number }> = await db.query(`SELECT count(*)::int AS stored FROM complaint`);
    say(`seeded ${stored.toLocaleString('en-GB')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const rollup = new LearningRollupRefreshRepository(db);
    started = performance.now();
    await rollup.refresh();
    const fullRefreshMs = performance.now() - started;
    await db.query('ANALYZE');
    await db.query(`UPDATE complaint SET status_changed_at = now() WHERE id IN (SELECT id FROM complaint ORDER BY received_at DESC LIMIT 2000)`);
    started = performance.now();
    await rollup.refresh();
    const incrementalRefreshMs = performance.now() - started;
    say(`baseline: rollup refresh, first (every day) ${(fullRefreshMs / 1000).toFixed(1)} s; incremental, 2,000 changed complaints ${incrementalRefreshMs.toFixed(0)} ms`);
    const drift = await rollupDrift(db);
    say(`weekly and serious-by-theme rollups against the per-day rollups and the complaints: ${drift} rows differ`);
    if (drift !== 0) throw new Error(`the dashboard's rollups disagree with what they summarise (${drift} rows)`);

    const service = new DashboardModelService(new LearningDashboardRepository(db));
    const orgs: Array<{ id: string }> = await db.query(`SELECT id FROM organisation WHERE kind = 'public-body' ORDER BY name`);
    const now = new Date();
    const today = learningDay(now);
    const presets = ['last-4-weeks', 'quarter', 'year'];
    // Request k: a preset, every 3rd a sector, every 4th a theme, every 5th one body's own view.
    const requestAt = (k: number): { query: RawQuery; scope: DashboardScope } => {
      const query: RawQuery = { period: presets[k % 3] };
      if (k % 3 === 1) query.sector = SECTORS[k % SECTORS.length];
      if (k % 4 === 2) query.theme = THEME_IDS[(k * 7) % THEME_IDS.length];
      if (k % 5 === 4) return { query, scope: { kind: 'organisation', organisationId: orgs[(k * 13) % 40].id } };
      if (k % 10 === 7) query.organisationId = orgs[(k * 17) % orgs.length].id;
      return { query, scope: { kind: 'all' } };
    };
    const run = async (k: number) => {
      const { query, scope } = requestAt(k);
      const parsed = validateDashboardFilters(query, today);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const t0 = performance.now();
      const model = await service.build(parsed.filters, scope, { today, now });
      const t1 = performance.now();
      const charts = renderDashboardCharts(model);
      const t2 = performance.now();
      // The first page of summaries behind the figures (not part of the dashboard's own time).
      await service.learningPage(parsed.filters, scope, scope.kind === 'all' ? { kind: 'ombudsman' } : { kind: 'public-body', organisationId: scope.organisationId }, { shareSummaries: false });
      const t3 = performance.now();
      return { model: t1 - t0, charts: t2 - t1, total: t2 - t0, drill: t3 - t2, bytes: charts.reduce((n, c) => n + c.svg.length, 0), shape: JSON.stringify({ ...query, scope: scope.kind }) };
    };
    for (let k = 0; k < 10; k += 1) await run(k); // warm-up: plans, caches, ECharts' first load
    const model: number[] = [];
    const charts: number[] = [];
    const total: number[] = [];
    const drill: number[] = [];
    const slowest: Array<{ ms: number; shape: string }> = [];
    let bytes = 0;
    for (let k = 0; k < settings.requests; k += 1) {
      const r = await run(k);
      model.push(r.model);
      charts.push(r.charts);
      total.push(r.total);
      drill.push(r.drill);
      slowest.push({ ms: Math.round(r.total), shape: r.shape });
      bytes += r.bytes;
    }
    slowest.sort((a, b) => b.ms - a.ms);
    const result = {
      complaints: stored,
      requests: settings.requests,
      modelMs: summary(model),
      chartsMs: summary(charts),
      totalMs: summary(total),
      drillPageMs: summary(drill),
      slowest: slowest.slice(0, 5),
      meanSvgBytes: Math.round(bytes / settings.requests),
      rollupFullRefreshMs: Math.round(fullRefreshMs),
      rollupIncrementalRefreshMs: Math.round(incrementalRefreshMs),
    };
    console.log('\n| dashboard, %s complaints, %d requests | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|', stored.toLocaleString('en-GB'), settings.requests);
    for (const [label, s] of [['assemble the model (SQL + figures)', result.modelMs], ['render the 5 charts (SVG)', result.chartsMs], ['dashboard in all', result.totalMs], ['(beside) first drill-down page of 25', result.drillPageMs]] as const) {
      console.log(`| ${label} | ${s.p50} | ${s.p95} | ${s.max} |`);
    }
    console.log(`| (baseline) rollup refresh: first / 2,000 changed | ${result.rollupFullRefreshMs} | ${result.rollupIncrementalRefreshMs} | |\n`);
    for (const slow of result.slowest) say(`slow: ${slow.ms} ms ${slow.shape}`);
    say(`target: dashboard p95 < 300 ms → ${result.totalMs.p95 < 300 ? 'met' : 'NOT met'} (${result.totalMs.p95} ms)`);
    return { dashboard: result };
  } finally {
    await db.destroy();
    if (!settings.keep) await dropDatabase(settings.databaseUrl);
  }
}

if (require.main === module) {
  runDashboardBench(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
