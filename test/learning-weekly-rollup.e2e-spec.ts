import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DashboardModelService, validateDashboardFilters } from '@app/domain/dashboard';
import {
  AuditRepository,
  dataSourceOptions,
  dropDatabase,
  ensureDatabase,
  ErasureRepository,
  LearningDashboardRepository,
  LearningRollupRefreshRepository,
  ReviewRepository,
} from '@app/persistence';
import { crossBodyLink, processedComplaint, rollupBodies } from './support/db-fixtures';

/*
 * The weekly rollups (learning_week_*) the dashboard reads for whole weeks must always equal
 * the sums of their seven per-day rows, after the refresh that follows inserts, a review that
 * changes labels, and an erasure. Each step checks both against the same literal rows: the
 * weekly tables as stored, and the per-day tables summed here by ISO week; serious cases by
 * theme (a per-day rollup) against the complaints themselves.
 * Complaint 3 (Hillside) is the same case as 2 (Riverside): across bodies it counts under 2
 * until 2 is erased. Complaint 6 was received 23:30 UTC on Sunday 28 June, which is Monday
 * 29 June in London (BST): its week is the one starting 29 June.
 */

const ORG = { A: 'a0000000-0000-4000-8000-000000000001', B: 'b0000000-0000-4000-8000-000000000002', C: 'c0000000-0000-4000-8000-000000000003' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type Seed = [number, string, string, string[], string, string];
const FIRST: Seed[] = [
  // [id, org, received, themes, severity, outcome]
  [1, ORG.A, '2026-11-02T10:00:00Z', ['communication', 'delay'], 'serious', 'upheld'],
  [2, ORG.A, '2026-11-04T10:00:00Z', ['communication'], 'medium', 'not-upheld'],
  [3, ORG.B, '2026-11-05T10:00:00Z', ['communication'], 'serious', 'open'],
  [4, ORG.C, '2026-11-08T23:30:00Z', ['housing'], 'low', 'upheld'],
  [5, ORG.C, '2026-11-10T10:00:00Z', ['housing'], 'high', 'upheld'],
  [6, ORG.C, '2026-06-28T23:30:00Z', ['housing'], 'medium', 'resolved'],
];
const LATER: Seed = [7, ORG.A, '2026-11-11T10:00:00Z', ['delay'], 'serious', 'partly-upheld'];

// Rows as 'week sector outcome severity count', 'week sector theme outcome count', 'week organisation count'.
const WEEK_SECTOR = `SELECT concat_ws(' ', week, sector, outcome, severity, count) AS r FROM learning_week_sector ORDER BY 1`;
const DAY_SECTOR = `
  SELECT concat_ws(' ', w, sector, outcome, severity, n) AS r FROM (
    SELECT date_trunc('week', d.day)::date AS w, o.sector, d.outcome, d.severity, sum(d.count) AS n
    FROM learning_day_org d JOIN organisation o ON o.id = d.organisation_id GROUP BY 1, 2, 3, 4) x ORDER BY 1`;
const WEEK_THEME = `SELECT concat_ws(' ', week, sector, theme, outcome, count) AS r FROM learning_week_sector_theme ORDER BY 1`;
const DAY_THEME = `
  SELECT concat_ws(' ', w, sector, theme, outcome, n) AS r FROM (
    SELECT date_trunc('week', day)::date AS w, sector, theme, outcome, sum(count) AS n FROM learning_day_sector_theme GROUP BY 1, 2, 3, 4) x ORDER BY 1`;
const WEEK_SERIOUS = `SELECT concat_ws(' ', week, left(organisation_id::text, 1), count) AS r FROM learning_week_serious_org ORDER BY 1`;
const DAY_SERIOUS = `
  SELECT concat_ws(' ', w, left(organisation_id::text, 1), n) AS r FROM (
    SELECT date_trunc('week', day)::date AS w, organisation_id, sum(count) AS n FROM learning_day_org WHERE severity = 'serious' GROUP BY 1, 2) x ORDER BY 1`;
// Serious cases per London day, body and theme: the rollup, and the complaints counted across bodies read directly.
const DAY_SERIOUS_THEME = `SELECT concat_ws(' ', day, left(organisation_id::text, 1), theme, count) AS r FROM learning_day_serious_theme ORDER BY 1`;
const COMPLAINT_SERIOUS_THEME = `
  SELECT concat_ws(' ', d, left(organisation_id::text, 1), theme, count(*)) AS r FROM (
    SELECT (c.received_at AT TIME ZONE 'Europe/London')::date AS d, c.organisation_id, t.theme
    FROM complaint c, unnest(c.themes) AS t(theme)
    WHERE c.status = 'processed' AND c.severity = 'serious'
      AND NOT EXISTS (SELECT 1 FROM complaint_cluster k WHERE k.complaint_id = c.id AND k.cluster_id <> c.id)) x
  GROUP BY d, organisation_id, theme ORDER BY 1`;

describe('weekly learning rollups (PostgreSQL)', () => {
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/clp_test_week_${randomBytes(4).toString('hex')}`;
  let db: DataSource;
  let rollup: LearningRollupRefreshRepository;

  const rows = async (sql: string): Promise<string[]> => ((await db.query(sql)) as Array<{ r: string }>).map((row) => row.r);
  /** A rollup and what it must equal (its per-day table summed by week, or the complaints), both equal to `expected`. */
  const expectWeeks = async (week: string, day: string, expected: string[]) => {
    expect(await rows(week)).toEqual(expected);
    expect(await rows(day)).toEqual(expected);
  };
  const insert = ([n, org, received, themes, severity, outcome]: Seed) =>
    processedComplaint(db, { id: id(n), organisationId: org, reference: `REF-${n}`, receivedAt: received, outcome, severity, themes, learningSummary: 'Seeded. Change: none.', classified: true });

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    db = new DataSource({ ...dataSourceOptions({ databaseUrl, migrateOnStart: true }), logging: ['error'] });
    await db.initialize();
    await rollupBodies(db, ORG);
    rollup = new LearningRollupRefreshRepository(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(databaseUrl);
  });

  it('sums the per-day rollups into London ISO weeks after inserts, a shared case once', async () => {
    for (const seed of FIRST) await insert(seed);
    await crossBodyLink(db, id(2), id(3), null);
    expect(await rollup.refresh()).toMatchObject({ ran: true, changed: 6 });
    await expectWeeks(WEEK_SECTOR, DAY_SECTOR, [
      '2026-06-29 local-government resolved medium 1',
      '2026-11-02 health not-upheld medium 1',
      '2026-11-02 health upheld serious 1',
      '2026-11-02 local-government upheld low 1',
      '2026-11-09 local-government upheld high 1',
    ]);
    await expectWeeks(WEEK_THEME, DAY_THEME, [
      '2026-06-29 local-government housing resolved 1',
      '2026-11-02 health communication not-upheld 1',
      '2026-11-02 health communication upheld 1',
      '2026-11-02 health delay upheld 1',
      '2026-11-02 local-government housing upheld 1',
      '2026-11-09 local-government housing upheld 1',
    ]);
    await expectWeeks(WEEK_SERIOUS, DAY_SERIOUS, ['2026-11-02 a 1']);
    await expectWeeks(DAY_SERIOUS_THEME, COMPLAINT_SERIOUS_THEME, ['2026-11-02 a communication 1', '2026-11-02 a delay 1']);
  });

  it('follows a new complaint and a review that changes labels into their weeks', async () => {
    await insert(LATER);
    const reviewed = await new ReviewRepository(db, new AuditRepository(db)).put(
      id(5),
      { organisationId: ORG.C, isOmbudsman: false },
      { themes: ['housing', 'communication'], severity: 'serious', note: null },
      { kind: 'organisation', id: ORG.C },
    );
    expect(reviewed.kind).toBe('stored');
    expect(await rollup.refresh()).toMatchObject({ ran: true });
    await expectWeeks(WEEK_SECTOR, DAY_SECTOR, [
      '2026-06-29 local-government resolved medium 1',
      '2026-11-02 health not-upheld medium 1',
      '2026-11-02 health upheld serious 1',
      '2026-11-02 local-government upheld low 1',
      '2026-11-09 health partly-upheld serious 1',
      '2026-11-09 local-government upheld serious 1',
    ]);
    await expectWeeks(WEEK_THEME, DAY_THEME, [
      '2026-06-29 local-government housing resolved 1',
      '2026-11-02 health communication not-upheld 1',
      '2026-11-02 health communication upheld 1',
      '2026-11-02 health delay upheld 1',
      '2026-11-02 local-government housing upheld 1',
      '2026-11-09 health delay partly-upheld 1',
      '2026-11-09 local-government communication upheld 1',
      '2026-11-09 local-government housing upheld 1',
    ]);
    await expectWeeks(WEEK_SERIOUS, DAY_SERIOUS, ['2026-11-02 a 1', '2026-11-09 a 1', '2026-11-09 c 1']);
    await expectWeeks(DAY_SERIOUS_THEME, COMPLAINT_SERIOUS_THEME, [
      '2026-11-02 a communication 1', '2026-11-02 a delay 1', '2026-11-10 c communication 1', '2026-11-10 c housing 1', '2026-11-11 a delay 1',
    ]);
  });

  it('takes an erased complaint out of its week, and counts the case it shared under the other body', async () => {
    const erased = await new ErasureRepository(db, new AuditRepository(db)).erase({ target: { complaintId: id(2) }, actor: { kind: 'admin' } });
    expect(erased.erased.map((e) => e.id)).toEqual([id(2)]);
    expect(await rollup.refresh()).toMatchObject({ ran: true });
    await expectWeeks(WEEK_SECTOR, DAY_SECTOR, [
      '2026-06-29 local-government resolved medium 1',
      '2026-11-02 health open serious 1',
      '2026-11-02 health upheld serious 1',
      '2026-11-02 local-government upheld low 1',
      '2026-11-09 health partly-upheld serious 1',
      '2026-11-09 local-government upheld serious 1',
    ]);
    await expectWeeks(WEEK_THEME, DAY_THEME, [
      '2026-06-29 local-government housing resolved 1',
      '2026-11-02 health communication open 1',
      '2026-11-02 health communication upheld 1',
      '2026-11-02 health delay upheld 1',
      '2026-11-02 local-government housing upheld 1',
      '2026-11-09 health delay partly-upheld 1',
      '2026-11-09 local-government communication upheld 1',
      '2026-11-09 local-government housing upheld 1',
    ]);
    await expectWeeks(WEEK_SERIOUS, DAY_SERIOUS, ['2026-11-02 a 1', '2026-11-02 b 1', '2026-11-09 a 1', '2026-11-09 c 1']);
    await expectWeeks(DAY_SERIOUS_THEME, COMPLAINT_SERIOUS_THEME, [
      '2026-11-02 a communication 1', '2026-11-02 a delay 1', '2026-11-05 b communication 1', '2026-11-10 c communication 1', '2026-11-10 c housing 1',
      '2026-11-11 a delay 1',
    ]);
  });

  it('gives the dashboard the same figures from whole weeks and the partial weeks at both ends', async () => {
    // Wednesday 4 to Monday 16 November: days 4–8 per day, the week of 9 November whole, 16 November per day.
    const service = new DashboardModelService(new LearningDashboardRepository(db));
    const build = (query: Record<string, string>) => {
      const parsed = validateDashboardFilters({ from: '2026-11-04', to: '2026-11-16', ...query }, '2026-11-30');
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return service.build(parsed.filters, { kind: 'all' }, { today: '2026-11-30', now: new Date('2026-11-30T12:00:00Z') });
    };
    const model = await build({});
    expect([model.headline.total.count, model.headline.serious.count, model.headline.upheld.upheld, model.headline.upheld.decided]).toEqual([4, 3, 3, 3]);
    expect(model.seriousOrganisations.map((o) => [o.organisationName, o.count])).toEqual([['Eastborough Council', 1], ['Hillside Practice', 1], ['Riverside Trust', 1]]);
    expect(model.themesByWeek.weeks.map((w) => [w.weekStart, w.daysInPeriod])).toEqual([['2026-11-02', 5], ['2026-11-09', 7], ['2026-11-16', 1]]);
    expect(Object.fromEntries(model.themesByWeek.series.map((s) => [s.theme, s.counts]))).toEqual({ communication: [1, 1, 0], housing: [1, 1, 0], delay: [0, 1, 0] });
    expect(model.upheldRateByTheme.map((r) => [r.theme, r.upheld, r.decided])).toEqual([['housing', 2, 2], ['communication', 1, 1], ['delay', 1, 1]]);
    const health = await build({ sector: 'health' });
    expect([health.headline.total.count, health.headline.serious.count]).toEqual([2, 2]);
    const communication = await build({ theme: 'communication' });
    expect([communication.headline.total.count, communication.headline.serious.count]).toEqual([2, 2]);
    expect(communication.seriousOrganisations.map((o) => [o.organisationName, o.count])).toEqual([['Eastborough Council', 1], ['Hillside Practice', 1]]);
    const housingInHealth = await build({ theme: 'housing', sector: 'health' });
    expect([housingInHealth.headline.total.count, housingInHealth.headline.serious.count, housingInHealth.seriousOrganisations.length]).toEqual([0, 0, 0]);
  });
});
