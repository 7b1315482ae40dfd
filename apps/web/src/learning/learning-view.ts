import type { Change } from '@app/domain/learning';
import type { DashboardModel, Headline, DrillDownRecord, RenderedChart } from '@app/domain/dashboard';
import { OUTCOME_LABELS, SECTOR_LABELS, SEVERITY_LABELS, themeLabel } from '@app/domain/digest';
import { cspSafeSvg } from './csp-safe-svg';
import { hrefOf, withDrill } from './learning-query';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY_LONDON = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const DAY_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

/** '2026-11-02' as "2 November 2026" (a calendar day, not an instant). */
export function dayText(day: string): string {
  return DAY.format(new Date(`${day}T00:00:00Z`));
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** "Up 12 from 40 in the previous period": the change in words, never colour alone. */
export function changeInWords(change: Change): string {
  if (change.direction === 'same') return `No change from ${change.previousCount} in the previous period`;
  return `${change.direction === 'up' ? 'Up' : 'Down'} ${Math.abs(change.change)} from ${change.previousCount} in the previous period`;
}

export interface HeadlineCard {
  id: string;
  label: string;
  value: string;
  change: string;
  detail?: string;
}

export function headlineCards(headline: Headline): HeadlineCard[] {
  const { upheld } = headline;
  let upheldChange: string;
  if (upheld.previousRate === null) upheldChange = 'No decided cases in the previous period';
  else if (upheld.rate === null || upheld.changePoints === null) upheldChange = `${percent(upheld.previousRate)} in the previous period`;
  else if (upheld.changePoints === 0) upheldChange = `No change from ${percent(upheld.previousRate)} in the previous period`;
  else upheldChange = `${upheld.changePoints > 0 ? 'Up' : 'Down'} ${Math.abs(upheld.changePoints).toFixed(1)} percentage points from ${percent(upheld.previousRate)} in the previous period`;
  return [
    { id: 'total', label: 'Complaints', value: String(headline.total.count), change: changeInWords(headline.total) },
    {
      id: 'upheld',
      label: 'Upheld rate',
      value: upheld.rate === null ? 'No decided cases' : percent(upheld.rate),
      change: upheldChange,
      ...(upheld.rate === null ? {} : { detail: `${upheld.upheld} of ${upheld.decided} decided cases upheld or partly upheld` }),
    },
    { id: 'serious', label: 'Serious cases', value: String(headline.serious.count), change: changeInWords(headline.serious) },
  ];
}

export interface ChartView {
  id: string;
  title: string;
  description: string;
  svg: string;
  caption: string;
  columns: string[];
  rows: Array<{ head: string; href?: string; cells: string[] }>;
  /** What an empty chart says instead. */
  empty: string;
  /** Said in words under the week-by-week chart. */
  note?: string;
}

const EMPTY_TEXT: Record<string, string> = {
  'upheld-rate-by-theme': 'No complaint for these filters has been decided yet.',
  'rising-themes': 'No theme rose: none has at least 5 complaints and more than in the previous period.',
  'serious-organisations': 'No serious cases for these filters.',
};

export function chartViews(model: DashboardModel, carried: Array<[string, string]>): ChartView[] {
  return (model.charts ?? []).map((chart) => chartView(chart, carried, chart.id === 'themes-by-week' ? incompleteWeeksNote(model) : undefined));
}

function chartView(chart: RenderedChart, carried: Array<[string, string]>, note?: string): ChartView {
  return {
    id: chart.id,
    title: chart.title,
    description: chart.description,
    svg: chart.svg === '' ? '' : cspSafeSvg(chart.svg),
    empty: EMPTY_TEXT[chart.id] ?? 'No complaints to show for these filters.',
    caption: chart.table.caption,
    columns: chart.table.columns,
    rows: chart.table.rows.map((row) => ({
      head: String(row.cells[0]),
      href: row.drill ? hrefOf('/learning/cases', withDrill(carried, row.drill)) : undefined,
      cells: row.cells.slice(1).map(String),
    })),
    ...(note ? { note } : {}),
  };
}

/** Bodies send complaints weeks after receiving them: the recent weeks are still filling. */
function incompleteWeeksNote(model: DashboardModel): string | undefined {
  const weeks = model.themesByWeek.weeks.filter((w) => w.incomplete);
  if (weeks.length === 0) return undefined;
  const named = weeks.map((w) => `${dayText(w.weekStart)} (about ${Math.round(w.expectedShareArrived * 100)}% of its complaints expected to have arrived so far)`);
  const subject = weeks.length === 1 ? 'The week starting' : 'The weeks starting';
  const verb = weeks.length === 1 ? 'is' : 'are';
  return `${subject} ${named.join(', ')} ${verb} incomplete and marked * in the chart: bodies send complaints weeks after receiving them, so these figures will rise.`;
}

export interface RecordView {
  complaintId: string;
  href: string;
  title: string;
  organisationName: string;
  sector: string;
  receivedAt: string;
  serviceArea: string | null;
  themes: string;
  severity: string;
  outcome: string;
  learningSummary: string;
  anonymised: boolean;
}

export function recordView(record: DrillDownRecord): RecordView {
  return {
    complaintId: record.complaintId,
    href: `/complaints/${record.complaintId}`,
    title: record.reference ?? `A complaint to ${record.organisationName}`,
    organisationName: record.organisationName,
    sector: SECTOR_LABELS[record.sector] ?? record.sector,
    receivedAt: DAY_LONDON.format(new Date(record.receivedAt)),
    serviceArea: record.serviceArea,
    themes: record.themes.map(themeLabel).join(', '),
    severity: SEVERITY_LABELS[record.severity] ?? record.severity,
    outcome: OUTCOME_LABELS[record.outcome] ?? record.outcome,
    learningSummary: record.learningSummary,
    anonymised: record.anonymised,
  };
}

export function dataAsOfText(iso: string): string {
  return DAY_TIME.format(new Date(iso)).replace(' am', 'am').replace(' pm', 'pm');
}
