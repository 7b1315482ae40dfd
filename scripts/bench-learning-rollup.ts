/**
 * Times the learning rollup and the Ombudsman's aggregate queries at one year of 1,000,000
 * complaints (500 organisations, seeded with generate_series), then refreshes with one big
 * cross-body component (BENCH_COMPONENT complaints, default 5,000, spread over the year).
 * Uses its own database and drops it afterwards (BENCH_KEEP_DATABASE=1 keeps it).
 *   npx tsx scripts/bench-learning-rollup.ts [complaints]
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildOmbudsmanSummary, themeRows } from '@app/domain/learning';
import { dataSourceOptions, dropDatabase, ensureDatabase, LearningRollupRefreshRepository, LearningRollupRepository } from '@app/persistence';

const COMPLAINTS = Number(process.argv[2] ?? 1_000_000);
const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/clp_bench_learning';
const COMPONENT = Number(process.env.BENCH_COMPONENT ?? 5_000);
const KEEP = process.env.BENCH_KEEP_DATABASE === '1';

async function timed<T>(label: string, work: () => Promise<T>, runs = 1): Promise<T> {
  let result: T | undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${label} | ${times[0].toFixed(0)} | ${times[Math.floor(times.length / 2)].toFixed(0)} |`);
  return result as T;
}

async function main(): Promise<void> {
  await dropDatabase(BASE);
  await ensureDatabase(BASE);
  const db = new DataSource({ ...dataSourceOptions({ databaseUrl: BASE, migrateOnStart: true }), logging: ['error'] });
  await db.initialize();
  const rollup = new LearningRollupRepository(db);
  const refresher = new LearningRollupRefreshRepository(db);
  console.log(`seeding ${COMPLAINTS.toLocaleString('en-GB')} complaints over 365 days…`);
  await db.query(`
    INSERT INTO organisation (name, kind, sector, api_key_hash, api_key_prefix)
    SELECT 'Body ' || i, 'public-body', (ARRAY['health','local-government','central-government','social-care','other'])[1 + i % 5], 'h' || i, 'p'
    FROM generate_series(1, 500) i`);
  const started = performance.now();
  await db.query(`
    WITH orgs AS (SELECT array_agg(id ORDER BY id) AS ids FROM organisation)
    INSERT INTO complaint (organisation_id, reference, content_hash, status, received_at, service_area, stage, summary, outcome,
                           remedies, severity, themes, learning_summary, processed_at, status_changed_at)
    SELECT orgs.ids[1 + ((i % 100000) * 7919) % 500], 'R' || i, md5(i::text),
           CASE WHEN i % 33 = 0 THEN 'duplicate' ELSE 'processed' END,
           now() - make_interval(secs => (i::bigint * 31536000 / $1)::int),
           'Area ' || (i % 40), 'local', 'seeded complaint ' || i,
           (ARRAY['upheld','partly-upheld','not-upheld','resolved','withdrawn','open'])[1 + (i * 13) % 6],
           CASE (i * 17) % 5 WHEN 0 THEN ARRAY[]::text[] WHEN 1 THEN ARRAY['apology'] WHEN 2 THEN ARRAY['apology','staff-training']
                             WHEN 3 THEN ARRAY['explanation'] ELSE ARRAY['financial','policy-change'] END,
           (ARRAY['low','medium','medium','high','serious'])[1 + (i * 11) % 5],
           CASE i % 3
             WHEN 0 THEN ARRAY[(ARRAY['communication','delay','clinical-care','housing','access-to-services'])[1 + i % 5]]
             WHEN 1 THEN ARRAY[(ARRAY['communication','delay','clinical-care','housing','access-to-services'])[1 + i % 5], (ARRAY['complaint-handling','staff-attitude','record-keeping','medication'])[1 + i % 4]]
             ELSE ARRAY['communication', (ARRAY['diagnosis','safeguarding','benefits-tax','social-care','discharge-transfer','policy-decision'])[1 + i % 6], 'delay']
           END,
           'summary', now(), now() - interval '1 hour'
    FROM generate_series(1, $1) i, orgs`, [COMPLAINTS]);
  // Cross-body pairs (1 in 100 complaints): the same case at two bodies, received minutes apart as
  // related letters are; each pair counts once across bodies.
  await db.query(`CREATE INDEX bench_reference ON complaint (reference)`);
  await db.query(`
    WITH pairs AS (SELECT a.id AS a, b.id AS b FROM complaint a JOIN complaint b ON b.reference = 'R' || (substr(a.reference, 2)::int + 1)
                   WHERE a.reference ~ '^R[0-9]+00$' AND a.status = 'processed' AND b.status = 'processed')
    INSERT INTO complaint_link (complaint_id, related_id, rule) SELECT a, b, 'cross-body' FROM pairs UNION ALL SELECT b, a, 'cross-body' FROM pairs
    ON CONFLICT DO NOTHING`);
  await db.query(`DROP INDEX bench_reference`);
  await db.query('ANALYZE');
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  console.log('| step | best ms | median ms |\n|---|---:|---:|');

  await timed(`full rollup build (first refresh: every day, ${COMPLAINTS.toLocaleString('en-GB')} complaints)`, () => refresher.refresh());
  const [{ rows }] = [{ rows: await db.query(`SELECT (SELECT count(*) FROM learning_day_org) AS org, (SELECT count(*) FROM learning_day_sector_theme) AS st, (SELECT count(*) FROM learning_day_org_theme) AS ot, (SELECT count(*) FROM learning_day_sector_remedy) AS sr`) }];
  console.log(`rollup rows: day×org ${rows[0].org}, day×sector×theme ${rows[0].st}, org×day×theme ${rows[0].ot}, day×sector×remedy ${rows[0].sr}`);
  await db.query('ANALYZE');
  // A busy minute: 2,000 complaints (re)processed today.
  await db.query(`UPDATE complaint SET status_changed_at = now() WHERE id IN (SELECT id FROM complaint ORDER BY received_at DESC LIMIT 2000)`);
  await timed('incremental refresh, 2,000 changed complaints (the latest ~18 h)', () => refresher.refresh());
  await db.query(`UPDATE complaint SET status_changed_at = now() WHERE id IN (SELECT id FROM complaint WHERE received_at < now() - interval '60 days' ORDER BY received_at DESC LIMIT 100)`);
  await timed('incremental refresh, 100 re-processed complaints on one old day', () => refresher.refresh());
  await db.query(`UPDATE complaint SET status_changed_at = now() WHERE id IN (SELECT id FROM complaint ORDER BY md5(id::text) LIMIT 365)`);
  await timed('incremental refresh, 365 complaints spread over the whole year (backfill)', () => refresher.refresh());
  await timed('incremental refresh, nothing changed in the last minute', async () => {
    await db.query(`UPDATE learning_refresh_state SET watermark = now() + interval '1 minute'`);
    return refresher.refresh();
  }, 5);

  await bigComponent(db, refresher);

  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const twoYearsAgo = new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const year = { from: yearAgo, to: tomorrow };
  const summary = await timed('GET /v1/learning/summary, one year (current + previous year, 6 queries)', async () => {
    const [current, previous] = await Promise.all([rollup.aggregates(year), rollup.aggregates({ from: twoYearsAgo, to: yearAgo })]);
    return buildOmbudsmanSummary({ from: new Date(year.from), to: new Date(year.to), current, previous });
  }, 7);
  console.log(`  → totals ${summary.totals.count} complaints, ${summary.byOrganisation.length} organisations, ${summary.themes.length} themes`);
  await timed('GET /v1/learning/summary, one year, sector=health', async () => {
    const [current, previous] = await Promise.all([rollup.aggregates(year, 'health'), rollup.aggregates({ from: twoYearsAgo, to: yearAgo }, 'health')]);
    return buildOmbudsmanSummary({ from: new Date(year.from), to: new Date(year.to), current, previous });
  }, 7);
  await timed('GET /v1/learning/summary, last 30 days', async () => {
    const [current, previous] = await Promise.all([rollup.aggregates({ from: monthAgo, to: tomorrow }), rollup.aggregates({ from: new Date(Date.now() - 59 * 86_400_000).toISOString().slice(0, 10), to: monthAgo })]);
    return buildOmbudsmanSummary({ from: new Date(monthAgo), to: new Date(tomorrow), current, previous });
  }, 7);
  await timed('GET /v1/learning/themes, one year, all bodies', async () => themeRows(await rollup.themeCounts(year, {}), await rollup.themeCounts({ from: twoYearsAgo, to: yearAgo }, {})), 7);
  const [{ id }] = await db.query(`SELECT id FROM organisation LIMIT 1`);
  await timed('GET /v1/learning/themes, one year, one organisation', async () => themeRows(await rollup.themeCounts(year, { organisationId: id }), await rollup.themeCounts({ from: twoYearsAgo, to: yearAgo }, { organisationId: id })), 7);
  await timed('rising themes: weekly counts, 6 weeks', () => rollup.weeklySectorThemeCounts(today, 6), 7);
  // For comparison: the same complaint count straight from the complaint table.
  await timed('(comparison) one year GROUP BY on complaint, no rollup, 1 of the 6 queries', () =>
    db.query(`SELECT o.sector, o.id, c.outcome, c.severity, count(*) FROM complaint c JOIN organisation o ON o.id = c.organisation_id
              WHERE c.status = 'processed' AND c.received_at >= $1 GROUP BY 1, 2, 3, 4`, [yearAgo]), 3);
  await db.destroy();
  if (!KEEP) await dropDatabase(BASE);
}

/**
 * One big cross-body component, as templated letters sent to many bodies make: COMPONENT
 * complaints spread over the year (every 200th reference, processed), linked in a chain with
 * a shortcut from every 10th to the 37th after it; then re-processing inside it, and a second
 * chain joined to it by one new link. Checks the clusters and totals after each refresh.
 */
async function bigComponent(db: DataSource, refresher: LearningRollupRefreshRepository): Promise<void> {
  const stride = Math.max(2, Math.floor(COMPLAINTS / COMPONENT));
  // The members of a chain, in reference order: every `stride`-th reference from `offset`, processed.
  const chain = async (offset: number, size: number): Promise<string[]> => {
    const rows: Array<{ id: string }> = await db.query(
      `SELECT id FROM complaint WHERE reference = ANY($1::text[]) AND status = 'processed' ORDER BY substr(reference, 2)::int`,
      [Array.from({ length: size }, (_, k) => `R${offset + k * stride}`)],
    );
    return rows.map((r) => r.id);
  };
  const link = async (pairs: Array<[string, string]>): Promise<void> => {
    await db.query(
      `WITH p AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS p(a, b))
       INSERT INTO complaint_link (complaint_id, related_id, rule, similarity)
       SELECT a, b, 'cross-body', 0.9 FROM p UNION ALL SELECT b, a, 'cross-body', 0.9 FROM p ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  };
  const chainPairs = (ids: string[]): Array<[string, string]> => [
    ...ids.slice(1).map((id, k): [string, string] => [ids[k], id]),
    ...ids.flatMap((id, k): Array<[string, string]> => (k % 10 === 0 && k + 37 < ids.length ? [[id, ids[k + 37]]] : [])),
  ];
  // Re-processed now; earlier steps' changes are aged past the refresh's 60 s overlap, so each
  // step times its own change, as a refresh minutes later would.
  const touch = async (ids: string[]): Promise<void> => {
    await db.query(`UPDATE complaint SET status_changed_at = status_changed_at - interval '10 minutes' WHERE status_changed_at > now() - interval '10 minutes'`);
    await db.query(`UPDATE complaint SET status_changed_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  };

  const a = await chain(7, COMPONENT);
  const aPairs = chainPairs(a);
  await link(aPairs);
  await touch(a);
  await db.query('ANALYZE complaint_link');
  await timed(`refresh, a ${a.length.toLocaleString('en-GB')}-complaint component forms (${aPairs.length.toLocaleString('en-GB')} links, all changed)`, () => refresher.refresh());
  await check(db);
  await touch(a.filter((_, k) => k % 250 === 3));
  await timed('refresh, 20 members of that component re-processed', () => refresher.refresh());
  await check(db);
  const b = await chain(7 + Math.floor(stride / 2), Math.floor(COMPONENT / 2));
  await link(chainPairs(b));
  await touch(b);
  await timed(`refresh, a second component of ${b.length.toLocaleString('en-GB')} forms`, () => refresher.refresh());
  await check(db);
  // One new complaint related to both: the two clusters merge.
  await link([[a[a.length - 1], b[0]]]);
  await touch([b[0]]);
  await timed('refresh, one new link merges the two components', () => refresher.refresh());
  await check(db);
  await db.query(`UPDATE learning_refresh_state SET watermark = now() + interval '1 minute'`);
}

/** complaint_cluster equals the connected components computed here; rollup totals equal a direct count. */
async function check(db: DataSource): Promise<void> {
  const links: Array<{ a: string; b: string }> = await db.query(
    `SELECT l.complaint_id AS a, l.related_id AS b FROM complaint_link l
     JOIN complaint x ON x.id = l.complaint_id AND x.status = 'processed'
     JOIN complaint y ON y.id = l.related_id AND y.status = 'processed'
     WHERE l.rule = 'cross-body'`,
  );
  const neighbours = new Map<string, string[]>();
  for (const { a, b } of links) {
    if (a === b) continue;
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
  }
  const expected = new Map<string, string>();
  for (const start of neighbours.keys()) {
    if (expected.has(start)) continue;
    const members = [start];
    const seen = new Set(members);
    for (let i = 0; i < members.length; i += 1) {
      for (const next of neighbours.get(members[i]) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          members.push(next);
        }
      }
    }
    const smallest = members.reduce((m, id) => (id < m ? id : m));
    for (const id of members) expected.set(id, smallest);
  }
  const stored: Array<{ complaint_id: string; cluster_id: string }> = await db.query(`SELECT complaint_id, cluster_id FROM complaint_cluster`);
  const wrong = stored.filter((r) => expected.get(r.complaint_id) !== r.cluster_id).length + Math.max(0, expected.size - stored.length);
  const [totals]: Array<{ rollup: number; direct: number }> = await db.query(`
    SELECT (SELECT sum(count)::int FROM learning_day_org) AS rollup,
           (SELECT count(*)::int FROM complaint c WHERE c.status = 'processed' AND c.severity IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM complaint_cluster k WHERE k.complaint_id = c.id AND k.cluster_id <> c.id)) AS direct`);
  const clusters = new Set(expected.values()).size;
  console.log(`  → ${expected.size.toLocaleString('en-GB')} complaints in ${clusters.toLocaleString('en-GB')} clusters; cluster rows wrong: ${wrong}; rollup total ${totals.rollup} vs direct ${totals.direct}`);
  if (wrong > 0 || totals.rollup !== totals.direct) throw new Error('the rollup does not match the complaints');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
