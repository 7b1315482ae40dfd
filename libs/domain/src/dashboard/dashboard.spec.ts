import { lagCdf } from '../learning/arrival-lag';
import { themesByWeekChart, upheldRateByThemeChart, seriousOrganisationsChart } from './charts/dashboard-charts';
import { contrastRatio, SERIES_COLOURS } from './charts/palette';
import { dashboardCsvLines, toCsv } from './csv';
import { decodeCursor, encodeCursor, visibleRecord, type DrillDownRow } from './drill-down';
import { headlineFigures, themesBySector, themesByWeek, topSeriousOrganisations, upheldRateByTheme } from './figures';
import { validateDashboardFilters } from './filters';
import { resolvePeriod, weeksOf } from './period';

describe('periods', () => {
  it('ends presets with today and gives a previous period of the same length', () => {
    expect(resolvePeriod('last-4-weeks', '2026-12-04')).toEqual({
      preset: 'last-4-weeks', from: '2026-11-07', to: '2026-12-05', days: 28, previous: { from: '2026-10-10', to: '2026-11-07' },
    });
    expect(resolvePeriod('quarter', '2026-12-04')).toMatchObject({ from: '2026-09-05', days: 91 });
    expect(resolvePeriod('year', '2026-12-04')).toMatchObject({ from: '2025-12-06', days: 364, previous: { from: '2024-12-07', to: '2025-12-06' } });
    expect(resolvePeriod('custom', '2026-12-04', { fromDay: '2026-11-01', toDay: '2026-11-30' })).toMatchObject({
      from: '2026-11-01', to: '2026-12-01', days: 30, previous: { from: '2026-10-02', to: '2026-11-01' },
    });
  });

  it('lists the ISO weeks a period touches, with the days it covers', () => {
    expect(weeksOf({ from: '2026-11-07', to: '2026-11-18' })).toEqual([
      { weekStart: '2026-11-02', daysInPeriod: 2 },
      { weekStart: '2026-11-09', daysInPeriod: 7 },
      { weekStart: '2026-11-16', daysInPeriod: 2 },
    ]);
  });
});

describe('validateDashboardFilters', () => {
  it('defaults to the last 4 weeks and names every bad field', () => {
    const ok = validateDashboardFilters({ sector: 'health', theme: 'delay' }, '2026-12-04');
    expect(ok).toMatchObject({ ok: true, filters: { period: { preset: 'last-4-weeks' }, sector: 'health', theme: 'delay' } });
    expect(validateDashboardFilters({ period: 'fortnight', sector: 'space', theme: 'x', organisationId: '12' }, '2026-12-04')).toEqual({
      ok: false,
      errors: [
        { field: 'period', message: 'must be one of last-4-weeks, quarter, year, custom' },
        { field: 'sector', message: 'must be one of health, local-government, central-government, social-care, other' },
        { field: 'theme', message: expect.stringContaining('must be one of clinical-care') },
        { field: 'organisationId', message: 'must be an organisation id (a UUID)' },
      ],
    });
  });

  it('checks custom dates: real days, not in the future, in order, at most three years', () => {
    expect(validateDashboardFilters({ from: '2026-02-30', to: '2026-12-05' }, '2026-12-04')).toEqual({
      ok: false,
      errors: [{ field: 'from', message: 'must be a date, YYYY-MM-DD' }, { field: 'to', message: 'must not be in the future' }],
    });
    expect(validateDashboardFilters({ from: '2026-11-10', to: '2026-11-01' }, '2026-12-04')).toEqual({ ok: false, errors: [{ field: 'to', message: 'must not be before from' }] });
    expect(validateDashboardFilters({ from: '2020-01-01', to: '2026-11-01' }, '2026-12-04')).toEqual({ ok: false, errors: [{ field: 'to', message: 'the period may be at most 1096 days long' }] });
    expect(validateDashboardFilters({ period: 'year', from: '2026-01-01' }, '2026-12-04')).toEqual({ ok: false, errors: [{ field: 'from', message: 'only with period=custom (period is year)' }] });
    expect(validateDashboardFilters({ sector: ['health', 'other'] }, '2026-12-04')).toEqual({ ok: false, errors: [{ field: 'sector', message: 'give one value' }] });
  });
});

describe('figures', () => {
  it('gives total, upheld rate and serious cases with their change', () => {
    const head = headlineFigures(
      { outcomes: [{ outcome: 'upheld', count: '3' }, { outcome: 'not-upheld', count: 5 }, { outcome: 'open', count: 2 }], serious: 4 },
      { outcomes: [{ outcome: 'partly-upheld', count: 1 }, { outcome: 'not-upheld', count: 3 }], serious: 4 },
    );
    expect(head.total).toEqual({ count: 10, previousCount: 4, change: 6, changePct: 150, direction: 'up' });
    expect(head.upheld).toEqual({ upheld: 3, decided: 8, upheldRate: 0.375, rate: 0.375, previousRate: 0.25, changePoints: 12.5 });
    expect(head.serious).toEqual({ count: 4, previousCount: 4, change: 0, changePct: 0, direction: 'same' });
  });

  it('fills missing weeks with 0 and marks recent weeks incomplete', () => {
    // Half of complaints arrive within 10 days, the rest within 100.
    const cdf = lagCdf([{ lagDays: 10, count: 1 }, { lagDays: 100, count: 1 }]);
    const weeks = themesByWeek(
      [{ weekStart: '2026-06-01', theme: 'delay', count: 2 }, { weekStart: '2026-06-15', theme: 'delay', count: '3' }, { weekStart: '2026-06-15', theme: 'housing', count: 1 }],
      { from: '2026-06-01', to: '2026-06-22' },
      cdf,
      '2026-06-30',
    );
    expect(weeks.series).toEqual([{ theme: 'delay', total: 5, counts: [2, 0, 3] }, { theme: 'housing', total: 1, counts: [0, 0, 1] }]);
    expect(weeks.weeks.map((w) => [w.weekStart, w.expectedShareArrived, w.incomplete])).toEqual([
      ['2026-06-01', 0.5, true], ['2026-06-08', 0.5, true], ['2026-06-15', 0.429, true],
    ]);
  });

  it('shapes sectors, upheld rates and the serious ranking', () => {
    expect(themesBySector([{ sector: 'health', theme: 'delay', count: 2 }, { sector: 'social-care', theme: 'delay', count: 5 }, { sector: 'health', theme: 'housing', count: 1 }])).toEqual({
      sectors: ['social-care', 'health'],
      series: [{ theme: 'delay', total: 7, counts: [5, 2] }, { theme: 'housing', total: 1, counts: [0, 1] }],
    });
    expect(upheldRateByTheme([{ theme: 'delay', outcome: 'upheld', count: 1 }, { theme: 'delay', outcome: 'not-upheld', count: 3 }, { theme: 'housing', outcome: 'upheld', count: 1 }, { theme: 'medication', outcome: 'open', count: 9 }])).toEqual([
      { theme: 'housing', upheld: 1, decided: 1, upheldRate: 1 },
      { theme: 'delay', upheld: 1, decided: 4, upheldRate: 0.25 },
    ]);
    expect(topSeriousOrganisations([
      { organisationId: 'b', organisationName: 'Beta', sector: 'health', count: 2 },
      { organisationId: 'a', organisationName: 'Alpha', sector: 'health', count: '2' },
      { organisationId: 'c', organisationName: 'Gamma', sector: 'health', count: 0 },
    ], 5).map((r) => r.organisationName)).toEqual(['Alpha', 'Beta']);
  });
});

describe('CSV', () => {
  it('neutralises formula-leading cells and quotes per RFC 4180', () => {
    expect(toCsv([['=SUM(A1)', '+1', '-2', '@x', '\tt', '\rr', 'a,b', 'say "hi"', 'line\nbreak', 7, null]])).toBe(
      `'=SUM(A1),'+1,'-2,'@x,'\tt,"'\rr","a,b","say ""hi""","line\nbreak",7,\r\n`,
    );
  });

  it('exports a record with its themes joined', () => {
    const record = visibleRecord(row({ learningSummary: '=HYPERLINK("x"). Change: staff trained.' }), { kind: 'ombudsman' }, false);
    expect(dashboardCsvLines([record])).toBe(
      `c0000000-0000-4000-8000-000000000001,o0000000-0000-4000-8000-000000000001,Riverside,health,R-1,2026-11-02T10:00:00.000Z,Maternity,delay;communication,serious,upheld,"'=HYPERLINK(""x""). Change: staff trained.",no\r\n`,
    );
  });
});

function row(overrides: Partial<DrillDownRow> = {}): DrillDownRow {
  return {
    complaintId: 'c0000000-0000-4000-8000-000000000001',
    organisationId: 'o0000000-0000-4000-8000-000000000001',
    organisationName: 'Riverside',
    sector: 'health',
    reference: 'R-1',
    receivedAt: new Date('2026-11-02T10:00:00Z'),
    serviceArea: 'Maternity',
    themes: ['delay', 'communication'],
    severity: 'serious',
    outcome: 'upheld',
    learningSummary: 'Scan cancelled without notice. Change: calls made the same day.',
    ...overrides,
  };
}

describe('who reads what', () => {
  it('gives the Ombudsman and the body itself the summary, another body only what changed', () => {
    expect(visibleRecord(row(), { kind: 'ombudsman' }, false)).toMatchObject({ learningSummary: 'Scan cancelled without notice. Change: calls made the same day.', reference: 'R-1', anonymised: false });
    expect(visibleRecord(row(), { kind: 'public-body', organisationId: 'O0000000-0000-4000-8000-000000000001' }, false)).toMatchObject({ reference: 'R-1', anonymised: false });
    expect(visibleRecord(row(), { kind: 'public-body', organisationId: 'other' }, false)).toMatchObject({
      learningSummary: 'What changed: calls made the same day.', serviceArea: null, reference: null, anonymised: true,
    });
    expect(visibleRecord(row(), { kind: 'public-body', organisationId: 'other' }, true)).toMatchObject({ serviceArea: 'Maternity', reference: null, anonymised: false });
  });

  it('round-trips cursors and refuses made-up ones', () => {
    const cursor = { receivedAt: '2026-11-02T10:00:00.000Z', complaintId: '0b7a4a5e-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('not a cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('["x","y"]').toString('base64url'))).toBeNull();
  });
});

describe('charts', () => {
  it('uses colours with at least 3:1 contrast against white', () => {
    for (const colour of SERIES_COLOURS) expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrastRatio('#ffffff', '#000000')).toBe(21);
  });

  it('draws one line per theme, told apart by marker and dash, labelled for screen readers', () => {
    const data = themesByWeek(
      [{ weekStart: '2026-06-01', theme: 'delay', count: 2 }, { weekStart: '2026-06-08', theme: 'housing', count: 4 }],
      { from: '2026-06-01', to: '2026-06-15' }, lagCdf([]), '2026-12-01',
    );
    const chart = themesByWeekChart(data);
    expect(chart.svg).toMatch(/^<svg role="img" aria-labelledby="themes-by-week-title themes-by-week-desc"/);
    expect(chart.svg).toContain('<title id="themes-by-week-title">Themes week by week</title>');
    expect(chart.svg).toContain('>Delay</text>');
    expect(chart.svg).toContain('>Housing</text>');
    // The second line is dashed as well as differently marked.
    expect(chart.svg.match(/stroke="#d4351c"[^>]*stroke-dasharray/g)?.length).toBeGreaterThan(0);
    expect(chart.svg).not.toMatch(/zr\d+-/);
    expect(chart.svg).toBe(themesByWeekChart(data).svg);
    expect(chart.table.rows.map((r) => r.cells)).toEqual([['Housing', 0, 4, 4], ['Delay', 2, 0, 2]]);
  });

  it('draws one bar per theme and escapes names it did not write', () => {
    const chart = upheldRateByThemeChart([{ theme: 'delay', upheld: 1, decided: 4, upheldRate: 0.25 }, { theme: 'housing', upheld: 1, decided: 1, upheldRate: 1 }, { theme: 'medication', upheld: 0, decided: 2, upheldRate: 0 }]);
    expect(chart.svg.match(/ecmeta_series_index="0" ecmeta_data_index="\d+"/g)).toHaveLength(3);
    const orgs = seriousOrganisationsChart([{ organisationId: 'a', organisationName: '<script>x</script>', sector: 'health', count: 3 }]);
    expect(orgs.svg).not.toContain('<script>');
    expect(orgs.svg).toContain('&lt;script&gt;');
    expect(orgs.table.rows[0]).toEqual({ cells: ['<script>x</script>', 'Health', 3], drill: { organisationId: 'a', severity: 'serious' } });
    expect(seriousOrganisationsChart([]).svg).toBe('');
  });
});
