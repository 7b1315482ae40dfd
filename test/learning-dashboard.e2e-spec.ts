import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  allLearningRecords,
  dashboardCsvHeader,
  dashboardCsvLines,
  DashboardModelService,
  validateDashboardFilters,
  type DashboardFilters,
  type RawQuery,
} from '@app/domain/dashboard';
import { dataSourceOptions, dropDatabase, ensureDatabase, LearningDashboardRepository, LearningRollupRefreshRepository } from '@app/persistence';
import { crossBodyLink, processedComplaint, rollupBodies } from './support/db-fixtures';

/*
 * The dashboard's figures over a small known data set in a real PostgreSQL: seeded straight
 * into the tables, counted by the real rollup refresh, read by the real repository.
 * B1 (Hillside) and A2 (Riverside) are the same case at two bodies (a cross-body link): across
 * bodies it counts once, under A2 (the smaller id); Hillside's own figures count B1.
 */

const ORG = { A: 'a0000000-0000-4000-8000-000000000001', B: 'b0000000-0000-4000-8000-000000000002', C: 'c0000000-0000-4000-8000-000000000003' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const COMPLAINTS: Array<[number, string, string, string[], string, string, string]> = [
  // [id, org, received, themes, severity, outcome, learning summary]
  [1, ORG.A, '2026-11-02T10:00:00Z', ['communication', 'delay'], 'serious', 'upheld', 'Scan letters not sent. Change: letters checked daily.'],
  [2, ORG.A, '2026-11-03T10:00:00Z', ['communication'], 'medium', 'not-upheld', 'Family not told of transfer. Change: transfer checklist.'],
  [3, ORG.A, '2026-11-10T10:00:00Z', ['clinical-care'], 'serious', 'partly-upheld', 'Observations missed overnight. Change: two-hourly checks.'],
  [4, ORG.B, '2026-11-11T10:00:00Z', ['communication'], 'serious', 'open', "=cmd|' /C calc'!A0. Change: -2 beds."],
  [5, ORG.B, '2026-11-20T10:00:00Z', ['delay'], 'low', 'upheld', 'Appointment delayed twice. Change: reminders by text.'],
  [6, ORG.C, '2026-11-21T10:00:00Z', ['housing'], 'high', 'not-upheld', 'Repair left for months. Change: repairs tracked.'],
  [7, ORG.C, '2026-11-25T10:00:00Z', ['housing', 'communication'], 'serious', 'upheld', 'Damp reported and ignored. Change: damp visits in 5 days.'],
  // The previous period (4 October – 31 October).
  [8, ORG.A, '2026-10-10T10:00:00Z', ['communication'], 'serious', 'not-upheld', 'Earlier case. Change: none.'],
  [9, ORG.C, '2026-10-20T10:00:00Z', ['housing'], 'low', 'upheld', 'Earlier repair. Change: none.'],
];

const TODAY = '2026-11-30';
const NOW = new Date('2026-11-30T12:00:00Z');
const NOVEMBER: RawQuery = { from: '2026-11-01', to: '2026-11-28' };

describe('learning dashboard (PostgreSQL)', () => {
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/clp_test_dash_${randomBytes(4).toString('hex')}`;
  let db: DataSource;
  let service: DashboardModelService;
  let repository: LearningDashboardRepository;

  const filters = (query: RawQuery): DashboardFilters => {
    const result = validateDashboardFilters(query, TODAY);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.filters;
  };
  const options = { today: TODAY, now: NOW, risingMinCount: 2 };

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    db = new DataSource({ ...dataSourceOptions({ databaseUrl, migrateOnStart: true }), logging: ['error'] });
    await db.initialize();
    await rollupBodies(db, ORG);
    for (const [n, org, received, themes, severity, outcome, summary] of COMPLAINTS) {
      await processedComplaint(db, { id: id(n), organisationId: org, reference: `REF-${n}`, receivedAt: received, outcome, severity, themes, learningSummary: summary, classified: false });
    }
    await crossBodyLink(db, id(2), id(4), null);
    await new LearningRollupRefreshRepository(db).refresh();
    repository = new LearningDashboardRepository(db);
    service = new DashboardModelService(repository);
  });

  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(databaseUrl);
  });

  it('gives the Ombudsman the figures across bodies, a shared case once, against the previous period', async () => {
    const model = await service.build(filters(NOVEMBER), { kind: 'all' }, options);
    expect(model.period).toMatchObject({ from: '2026-11-01', to: '2026-11-29', previous: { from: '2026-10-04', to: '2026-11-01' } });
    expect(model.headline.total).toEqual({ count: 6, previousCount: 2, change: 4, changePct: 200, direction: 'up' });
    expect(model.headline.upheld).toEqual({ upheld: 4, decided: 6, upheldRate: 0.667, rate: 0.667, previousRate: 0.5, changePoints: 16.7 });
    expect(model.headline.serious).toEqual({ count: 3, previousCount: 1, change: 2, changePct: 200, direction: 'up' });
    expect(model.themesBySector).toEqual({
      sectors: ['health', 'local-government'],
      series: [
        { theme: 'communication', total: 3, counts: [2, 1] },
        { theme: 'delay', total: 2, counts: [2, 0] },
        { theme: 'housing', total: 2, counts: [0, 2] },
        { theme: 'clinical-care', total: 1, counts: [1, 0] },
      ],
    });
    expect(model.upheldRateByTheme.map((r) => [r.theme, r.upheld, r.decided, r.upheldRate])).toEqual([
      ['delay', 2, 2, 1], ['clinical-care', 1, 1, 1], ['communication', 2, 3, 0.667], ['housing', 1, 2, 0.5],
    ]);
    expect(model.risingThemes.map((r) => [r.theme, r.count, r.previousCount])).toEqual([['delay', 2, 0], ['communication', 3, 1], ['housing', 2, 1]]);
    expect(model.seriousOrganisations).toEqual([
      { organisationId: ORG.A, organisationName: 'Riverside Trust', sector: 'health', count: 2 },
      { organisationId: ORG.C, organisationName: 'Eastborough Council', sector: 'local-government', count: 1 },
    ]);
  });

  it('counts weeks of receipt and marks the latest week incomplete from the arrival lags', async () => {
    const model = await service.build(filters(NOVEMBER), { kind: 'all' }, options);
    expect(model.themesByWeek.weeks.map((w) => [w.weekStart, w.daysInPeriod, w.incomplete])).toEqual([
      ['2026-10-26', 1, false], ['2026-11-02', 7, false], ['2026-11-09', 7, false], ['2026-11-16', 7, false], ['2026-11-23', 6, true],
    ]);
    expect(model.themesByWeek.series.find((s) => s.theme === 'communication')?.counts).toEqual([0, 2, 0, 0, 1]);
  });

  it('filters by theme (serious cases read from the complaints) and by sector', async () => {
    const byTheme = await service.build(filters({ ...NOVEMBER, theme: 'communication' }), { kind: 'all' }, options);
    expect([byTheme.headline.total.count, byTheme.headline.serious.count, byTheme.headline.upheld.upheldRate]).toEqual([3, 2, 0.667]);
    expect(byTheme.seriousOrganisations.map((o) => [o.organisationName, o.count])).toEqual([['Eastborough Council', 1], ['Riverside Trust', 1]]);
    expect(byTheme.themesBySector.series.map((s) => s.theme)).toEqual(['communication']);
    const bySector = await service.build(filters({ ...NOVEMBER, sector: 'local-government' }), { kind: 'all' }, options);
    expect([bySector.headline.total.count, bySector.headline.total.previousCount, bySector.headline.serious.count]).toEqual([2, 1, 1]);
  });

  it('shows a public body itself only, counting all of its own cases', async () => {
    const scope = { kind: 'organisation', organisationId: ORG.B } as const;
    const own = await service.build(filters(NOVEMBER), scope, options);
    expect(own.headline.total.count).toBe(2);
    expect(own.headline.serious.count).toBe(1);
    expect(own.headline.upheld).toMatchObject({ upheld: 1, decided: 1, upheldRate: 1 });
    expect(own.seriousOrganisations.map((o) => o.organisationName)).toEqual(['Hillside Practice']);
    const asking = await service.build(filters({ ...NOVEMBER, organisationId: ORG.A }), scope, options);
    expect(asking.headline.total.count).toBe(0);
    expect(asking.seriousOrganisations).toEqual([]);
    const page = await service.learningPage(filters({ ...NOVEMBER, organisationId: ORG.A }), scope, { kind: 'public-body', organisationId: ORG.B }, { shareSummaries: false });
    expect(page.items).toEqual([]);
    const ownPage = await service.learningPage(filters(NOVEMBER), scope, { kind: 'public-body', organisationId: ORG.B }, { shareSummaries: false });
    expect(ownPage.items.map((i) => [i.complaintId, i.reference, i.anonymised])).toEqual([[id(5), 'REF-5', false], [id(4), 'REF-4', false]]);
  });

  it('drills from a theme into its summaries, a page at a time, each naming its complaint', async () => {
    const viewer = { kind: 'ombudsman' } as const;
    const f = filters({ ...NOVEMBER, theme: 'communication' });
    const first = await service.learningPage(f, { kind: 'all' }, viewer, { limit: 2, shareSummaries: false });
    expect(first.items.map((i) => [i.complaintId, i.organisationName, i.learningSummary])).toEqual([
      [id(7), 'Eastborough Council', 'Damp reported and ignored. Change: damp visits in 5 days.'],
      [id(2), 'Riverside Trust', 'Family not told of transfer. Change: transfer checklist.'],
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await service.learningPage(f, { kind: 'all' }, viewer, { limit: 2, cursor: first.nextCursor as string, shareSummaries: false });
    expect(second.items.map((i) => i.complaintId)).toEqual([id(1)]);
    expect(second.nextCursor).toBeNull();
    const serious = await service.learningPage(filters({ ...NOVEMBER, organisationId: ORG.A }), { kind: 'all' }, viewer, { severity: 'serious', shareSummaries: false });
    expect(serious.items.map((i) => i.complaintId)).toEqual([id(3), id(1)]);
    await expect(service.learningPage(f, { kind: 'all' }, viewer, { cursor: 'nonsense!', shareSummaries: false })).rejects.toThrow(/^cursor:/);
  });

  it('exports exactly what is filtered as CSV, formula cells neutralised', async () => {
    let csv = dashboardCsvHeader();
    for await (const page of allLearningRecords(repository, filters({ ...NOVEMBER, organisationId: ORG.B }), { kind: 'all' }, { kind: 'ombudsman' }, false, 1)) {
      csv += dashboardCsvLines(page);
    }
    expect(csv).toBe(
      'complaintId,organisationId,organisation,sector,reference,receivedAt,serviceArea,themes,severity,outcome,learningSummary,anonymised\r\n' +
        `${id(5)},${ORG.B},Hillside Practice,health,REF-5,2026-11-20T10:00:00.000Z,Ward 7,delay,low,upheld,Appointment delayed twice. Change: reminders by text.,no\r\n` +
        `${id(4)},${ORG.B},Hillside Practice,health,REF-4,2026-11-11T10:00:00.000Z,Ward 7,communication,serious,open,'=cmd|' /C calc'!A0. Change: -2 beds.,no\r\n`,
    );
  });

  it('renders every chart as labelled SVG with its table', async () => {
    const model = await service.build(filters(NOVEMBER), { kind: 'all' }, { ...options, charts: true });
    expect(model.charts?.map((c) => [c.id, c.svg.startsWith('<svg role="img"'), c.table.rows.length])).toEqual([
      ['themes-by-week', true, 4], ['themes-by-sector', true, 4], ['upheld-rate-by-theme', true, 4], ['rising-themes', true, 3], ['serious-organisations', true, 2],
    ]);
    expect(model.charts?.[4].svg).toContain('>Riverside Trust</text>');
  });
});
