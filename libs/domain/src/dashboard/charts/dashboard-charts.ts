import type { EChartsOption } from 'echarts';
import { SECTOR_LABELS, THEME_LABELS } from '../../digest/labels';
import type { Sector, ThemeId } from '../../model/taxonomy';
import type { ThemeChange } from '../../learning/ombudsman-summary';
import type { SeriousOrganisation, ThemesBySector, ThemesByWeek, UpheldByTheme } from '../figures';
import { GRID_COLOUR, lineStyleOf, seriesColour } from './palette';
import { AXIS_STYLE, renderChartSvg } from './render-svg';

/** What a cell of a chart's table opens (the drill-down filters), when it stands for complaints. */
export interface DrillTarget {
  theme?: ThemeId;
  sector?: Sector;
  organisationId?: string;
  severity?: 'serious';
}

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: Array<{ cells: Array<string | number>; drill?: DrillTarget }>;
}

export interface RenderedChart {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  /** Empty when there is nothing to draw; the page then shows the table's "no complaints" row. */
  svg: string;
  table: ChartTable;
}

const WIDTH = 720;
/** Lines drawn; the table lists every theme. More lines than this cannot be told apart. */
export const MAX_LINES = 6;
const MAX_BARS = 12;

function percent(rate: number | null): string {
  return rate === null ? 'no decided cases' : `${(rate * 100).toFixed(1)}%`;
}

function draw(option: EChartsOption, chart: Omit<RenderedChart, 'svg'>, empty: boolean): RenderedChart {
  return { ...chart, svg: empty ? '' : renderChartSvg(option, chart) };
}

function barOption(labels: string[], values: number[], name: string, axisName: string, max?: number): EChartsOption {
  return {
    grid: { left: 210, right: 40, top: 20, bottom: 40 },
    xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 26, max, splitLine: { lineStyle: { color: GRID_COLOUR } }, ...AXIS_STYLE },
    yAxis: { type: 'category', data: labels, inverse: true, ...AXIS_STYLE },
    series: [{ type: 'bar', name, data: values, itemStyle: { color: seriesColour(0) }, label: { show: true, position: 'right', color: '#0b0c0c' } }],
  };
}

export function themesByWeekChart(data: ThemesByWeek): RenderedChart {
  const lines = data.series.slice(0, MAX_LINES);
  const weekLabel = (w: ThemesByWeek['weeks'][number]) => `${w.weekStart}${w.incomplete ? ' (incomplete)' : ''}${w.daysInPeriod < 7 ? ` (${w.daysInPeriod} days)` : ''}`;
  const incomplete = data.weeks.filter((w) => w.incomplete).length;
  const option: EChartsOption = {
    legend: { top: 0, itemWidth: 30, textStyle: { color: '#0b0c0c' } },
    grid: { left: 50, right: 20, top: 70, bottom: 60 },
    xAxis: { type: 'category', data: data.weeks.map((w) => (w.incomplete ? `${w.weekStart.slice(5)}*` : w.weekStart.slice(5))), name: 'Week starting (* incomplete)', nameLocation: 'middle', nameGap: 35, ...AXIS_STYLE },
    yAxis: { type: 'value', name: 'Complaints', minInterval: 1, splitLine: { lineStyle: { color: GRID_COLOUR } }, ...AXIS_STYLE },
    series: lines.map((s, i) => {
      const style = lineStyleOf(i);
      return {
        type: 'line',
        name: THEME_LABELS[s.theme],
        data: s.counts,
        symbol: style.symbol,
        symbolSize: 8,
        color: seriesColour(i),
        lineStyle: { type: style.dash, width: 2 },
      };
    }),
  };
  return draw(option, {
    id: 'themes-by-week',
    title: 'Themes week by week',
    description:
      `Complaints per week of receipt for the ${lines.length} most common themes. ` +
      (incomplete > 0 ? `The last ${incomplete} week(s) are incomplete: complaints are still arriving for them.` : 'Every week shown is complete.'),
    width: WIDTH,
    height: 360,
    table: {
      caption: 'Complaints per theme and week of receipt',
      columns: ['Theme', ...data.weeks.map(weekLabel), 'Total'],
      rows: data.series.map((s) => ({ cells: [THEME_LABELS[s.theme], ...s.counts, s.total], drill: { theme: s.theme } })),
    },
  }, lines.length === 0);
}

export function themesBySectorChart(data: ThemesBySector): RenderedChart {
  const shown = data.series.slice(0, MAX_LINES);
  const option: EChartsOption = {
    legend: { top: 0, textStyle: { color: '#0b0c0c' } },
    grid: { left: 150, right: 20, top: 70, bottom: 40 },
    xAxis: { type: 'value', name: 'Complaints', nameLocation: 'middle', nameGap: 26, splitLine: { lineStyle: { color: GRID_COLOUR } }, ...AXIS_STYLE },
    yAxis: { type: 'category', data: data.sectors.map((s) => SECTOR_LABELS[s]), inverse: true, ...AXIS_STYLE },
    series: shown.map((s, i) => ({
      type: 'bar',
      name: THEME_LABELS[s.theme],
      data: s.counts,
      color: seriesColour(i),
      // A pattern per series as well as a colour: each bar is told apart by its decal.
      itemStyle: { decal: { symbol: ['none', 'rect', 'circle', 'triangle', 'diamond', 'pin'][i % 6], dashArrayX: [1, 0], dashArrayY: i === 0 ? [0, 0] : [3, 5], color: 'rgba(255,255,255,0.6)' } },
    })),
  };
  return draw(option, {
    id: 'themes-by-sector',
    title: 'Themes by sector',
    description: `Complaints per sector for the ${shown.length} most common themes (a complaint with several themes counts under each).`,
    width: WIDTH,
    height: 120 + 60 * Math.max(1, data.sectors.length),
    table: {
      caption: 'Complaints per theme and sector',
      columns: ['Theme', ...data.sectors.map((s) => SECTOR_LABELS[s]), 'Total'],
      rows: data.series.map((s) => ({ cells: [THEME_LABELS[s.theme], ...s.counts, s.total], drill: { theme: s.theme } })),
    },
  }, shown.length === 0);
}

export function upheldRateByThemeChart(data: UpheldByTheme): RenderedChart {
  const shown = data.slice(0, MAX_BARS);
  return draw(
    barOption(shown.map((r) => THEME_LABELS[r.theme]), shown.map((r) => Math.round((r.upheldRate ?? 0) * 1000) / 10), 'Upheld rate (%)', 'Upheld or partly upheld, % of decided cases', 100),
    {
      id: 'upheld-rate-by-theme',
      title: 'Upheld rate by theme',
      description: 'Share of decided complaints (open and withdrawn left out) that were upheld or partly upheld, per theme, highest first.',
      width: WIDTH,
      height: 80 + 30 * Math.max(1, shown.length),
      table: {
        caption: 'Upheld rate by theme',
        columns: ['Theme', 'Upheld or partly upheld', 'Decided', 'Upheld rate'],
        rows: data.map((r) => ({ cells: [THEME_LABELS[r.theme], r.upheld, r.decided, percent(r.upheldRate)], drill: { theme: r.theme } })),
      },
    },
    shown.length === 0,
  );
}

export function risingThemesChart(data: ThemeChange[]): RenderedChart {
  return draw(
    {
      legend: { top: 0, textStyle: { color: '#0b0c0c' } },
      grid: { left: 210, right: 40, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: 'Complaints', nameLocation: 'middle', nameGap: 26, splitLine: { lineStyle: { color: GRID_COLOUR } }, ...AXIS_STYLE },
      yAxis: { type: 'category', data: data.map((r) => THEME_LABELS[r.theme]), inverse: true, ...AXIS_STYLE },
      series: [
        { type: 'bar', name: 'Previous period', data: data.map((r) => r.previousCount), color: seriesColour(5), itemStyle: { decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], color: 'rgba(255,255,255,0.7)' } } },
        { type: 'bar', name: 'This period', data: data.map((r) => r.count), color: seriesColour(0), label: { show: true, position: 'right', color: '#0b0c0c' } },
      ],
    },
    {
      id: 'rising-themes',
      title: 'Rising themes',
      description: 'Themes with more complaints than in the previous period of the same length (at least 5 now), largest rise first; the previous period beside each.',
      width: WIDTH,
      height: 100 + 50 * Math.max(1, data.length),
      table: {
        caption: 'Rising themes against the previous period',
        columns: ['Theme', 'This period', 'Previous period', 'Change', 'Change %'],
        rows: data.map((r) => ({
          cells: [THEME_LABELS[r.theme], r.count, r.previousCount, `${r.change} more`, r.changePct === null ? 'new' : `${r.changePct}%`],
          drill: { theme: r.theme },
        })),
      },
    },
    data.length === 0,
  );
}

export function seriousOrganisationsChart(data: SeriousOrganisation[]): RenderedChart {
  return draw(
    barOption(data.map((r) => (r.organisationName.length > 30 ? `${r.organisationName.slice(0, 29)}…` : r.organisationName)), data.map((r) => r.count), 'Serious cases', 'Serious cases'),
    {
      id: 'serious-organisations',
      title: 'Organisations with the most serious cases',
      description: `The ${data.length} organisations with the most complaints of serious severity in the period, most first.`,
      width: WIDTH,
      height: 80 + 30 * Math.max(1, data.length),
      table: {
        caption: 'Serious cases by organisation',
        columns: ['Organisation', 'Sector', 'Serious cases'],
        rows: data.map((r) => ({ cells: [r.organisationName, SECTOR_LABELS[r.sector], r.count], drill: { organisationId: r.organisationId, severity: 'serious' } })),
      },
    },
    data.length === 0,
  );
}
