import type { LagStats } from '../../learning/arrival-lag';
import type { Change } from '../../learning/counts';
import type { OmbudsmanSummary } from '../../learning/ombudsman-summary';
import { reviewedThemes, type ThemeAgreement } from '../../review/agreement';
import { REMEDY_LABELS, SECTOR_LABELS, themeLabel } from '../labels';
import { DEFAULT_TIME_ZONE } from '../period';
import { safeText } from '../safe-text';
import { addCalendarDays, calendarDateAt } from '../zoned-time';
import { figuresAsOf, formatCalendarDate, formatCount, formatDateRange, formatPercent, formatSignedPct, plural, trendView, type TrendView } from './format';
import { htmlTemplate, textTemplate } from './handlebars-env';
import { STYLE } from './layout';
import { commonView, finishEmail, type CommonView, type RenderedEmail, type RenderOptions } from './rendered-email';

export interface OmbudsmanDigestOptions extends RenderOptions {
  recipientName?: string;
  /** Zone the period dates are shown in (default Europe/London). */
  timeZone?: string;
  /** Most organisations listed (default 20); the rest are counted. */
  organisationLimit?: number;
  /** The summary counts what *arrived* in the period: how late it was, and the weeks by receipt. */
  arrival?: ArrivalContext;
  /** Per theme, what human reviewers did with the model's label: how far to trust each theme's figures. */
  classifierAgreement?: readonly ThemeAgreement[];
}

/** A week of the trend by receipt, with how much of it is expected to have arrived by now. */
export interface ReceivedWeek {
  /** 'YYYY-MM-DD' Monday. */
  weekStart: string;
  count: number;
  expectedShareArrived: number;
  incomplete: boolean;
}

export interface ArrivalContext {
  /** Lags (arrival − receipt) of the complaints that arrived in the period. */
  lag: LagStats;
  /** Complaints whose status changed after this may not be counted yet. */
  dataAsOf: Date;
  /** Recent weeks by date of receipt, oldest first. */
  receivedWeeks?: ReceivedWeek[];
}

interface RowView extends TrendView {
  name: string;
  count: string;
  previous: string;
  upheldRate: string;
  serious: string;
  extra: string;
}

interface OmbudsmanView extends CommonView {
  title: string;
  reason: string;
  greeting: string;
  summaryLines: string[];
  sectors: RowView[];
  themes: RowView[];
  rising: string[];
  remedies: string[];
  organisations: RowView[];
  organisationsNote: string | null;
  arrivalLines: string[];
  receivedWeeks: string[];
  dataAsOf: string | null;
  agreement: AgreementView[];
}

interface AgreementView {
  name: string;
  reviewed: string;
  confirmed: string;
  added: string;
  removed: string;
  kept: string;
}

// Template fragments assembled from constants at load time; they contain no data.
const TABLE_HEAD = (first: string, extra: string, withSerious = true): string =>
  `<thead><tr><th scope="col" style="${STYLE.th}">${first}</th>${extra}<th scope="col" style="${STYLE.thNum}">Complaints</th><th scope="col" style="${STYLE.thNum}">Previous</th><th scope="col" style="${STYLE.thNum}">Change</th><th scope="col" style="${STYLE.thNum}">Upheld</th>${withSerious ? `<th scope="col" style="${STYLE.thNum}">Serious</th>` : ''}</tr></thead>`;

const TABLE_ROW = (extraCell: string, withSerious = true): string =>
  `<tr><th scope="row" style="${STYLE.td}font-weight:normal;">{{name}}</th>${extraCell}<td style="${STYLE.tdNum}">{{count}}</td><td style="${STYLE.tdNum}">{{previous}}</td><td style="${STYLE.tdNum}">{{#if arrow}}<span aria-hidden="true">{{arrow}}</span> {{/if}}{{words}}</td><td style="${STYLE.tdNum}">{{upheldRate}}</td>${withSerious ? `<td style="${STYLE.tdNum}">{{serious}}</td>` : ''}</tr>`;

const html = htmlTemplate<OmbudsmanView>(`{{> head}}
{{#if greeting}}<p>{{greeting}}</p>{{/if}}
<ul style="padding-left:20px;">
{{#each summaryLines}}<li>{{this}}</li>
{{/each}}
</ul>
{{#if arrivalLines.length}}
<h2 style="${STYLE.h2}">How late complaints arrived</h2>
<ul style="padding-left:20px;">
{{#each arrivalLines}}<li>{{this}}</li>
{{/each}}
</ul>
{{/if}}
{{#if rising.length}}
<h2 style="${STYLE.h2}">Rising themes</h2>
<ul style="padding-left:20px;">
{{#each rising}}<li>{{this}}</li>
{{/each}}
</ul>
{{/if}}
<h2 style="${STYLE.h2}">By sector</h2>
<table style="${STYLE.table}">
${TABLE_HEAD('Sector', '')}
<tbody>
{{#each sectors}}${TABLE_ROW('')}
{{/each}}
</tbody>
</table>
<h2 style="${STYLE.h2}">By theme</h2>
<table style="${STYLE.table}">
<caption style="text-align:left;${STYLE.note}">A complaint can have more than one theme. Upheld: share of decided cases upheld or partly upheld.</caption>
${TABLE_HEAD('Theme', '', false)}
<tbody>
{{#each themes}}${TABLE_ROW('', false)}
{{/each}}
</tbody>
</table>
{{#if remedies.length}}
<h2 style="${STYLE.h2}">Most common remedies</h2>
<ul style="padding-left:20px;">
{{#each remedies}}<li>{{this}}</li>
{{/each}}
</ul>
{{/if}}
<h2 style="${STYLE.h2}">By organisation</h2>
<table style="${STYLE.table}">
${TABLE_HEAD('Organisation', `<th scope="col" style="${STYLE.th}">Sector</th>`)}
<tbody>
{{#each organisations}}${TABLE_ROW(`<td style="${STYLE.td}">{{extra}}</td>`)}
{{/each}}
</tbody>
</table>
{{#if organisationsNote}}<p style="${STYLE.note}">{{organisationsNote}}</p>{{/if}}
{{#if receivedWeeks.length}}
<h2 style="${STYLE.h2}">By week received</h2>
<p style="${STYLE.note}">Counted by the date each body received the complaint. Recent weeks are still arriving: a week is marked incomplete while less than 90% of its complaints are expected to have reached us, judged from how late complaints have arrived so far.</p>
<ul style="padding-left:20px;">
{{#each receivedWeeks}}<li>{{this}}</li>
{{/each}}
</ul>
{{/if}}
{{#if agreement.length}}
<h2 style="${STYLE.h2}">How far to trust each theme</h2>
<table style="${STYLE.table}">
<caption style="text-align:left;${STYLE.note}">Human reviews of the classifier's themes, all to date. Kept: share of the model's labels that reviewers confirmed. A theme reviewers often add or remove has less reliable figures.</caption>
<thead><tr><th scope="col" style="${STYLE.th}">Theme</th><th scope="col" style="${STYLE.thNum}">Reviewed</th><th scope="col" style="${STYLE.thNum}">Confirmed</th><th scope="col" style="${STYLE.thNum}">Added</th><th scope="col" style="${STYLE.thNum}">Removed</th><th scope="col" style="${STYLE.thNum}">Kept</th></tr></thead>
<tbody>
{{#each agreement}}<tr><th scope="row" style="${STYLE.td}font-weight:normal;">{{name}}</th><td style="${STYLE.tdNum}">{{reviewed}}</td><td style="${STYLE.tdNum}">{{confirmed}}</td><td style="${STYLE.tdNum}">{{added}}</td><td style="${STYLE.tdNum}">{{removed}}</td><td style="${STYLE.tdNum}">{{kept}}</td></tr>
{{/each}}
</tbody>
</table>
{{/if}}
{{#if dataAsOf}}<p style="${STYLE.note}">{{dataAsOf}}</p>{{/if}}
{{> foot}}`);

const text = textTemplate<OmbudsmanView>(`{{appName}}: {{title}}

{{#if greeting}}
{{greeting}}

{{/if}}
{{#each summaryLines}}
- {{this}}
{{/each}}

{{#if arrivalLines.length}}
HOW LATE COMPLAINTS ARRIVED

{{#each arrivalLines}}
- {{this}}
{{/each}}

{{/if}}
{{#if rising.length}}
RISING THEMES

{{#each rising}}
- {{this}}
{{/each}}

{{/if}}
BY SECTOR (complaints / previous / change / upheld / serious)

{{#each sectors}}
- {{name}}: {{count}} / {{previous}} / {{label}} / {{upheldRate}} / {{serious}}
{{/each}}

BY THEME (complaints / previous / change / upheld)

{{#each themes}}
- {{name}}: {{count}} / {{previous}} / {{label}} / {{upheldRate}}
{{/each}}

{{#if remedies.length}}
MOST COMMON REMEDIES

{{#each remedies}}
- {{this}}
{{/each}}

{{/if}}
BY ORGANISATION (complaints / previous / change / upheld / serious)

{{#each organisations}}
- {{name}} ({{extra}}): {{count}} / {{previous}} / {{label}} / {{upheldRate}} / {{serious}}
{{/each}}
{{#if organisationsNote}}
{{organisationsNote}}
{{/if}}
{{#if receivedWeeks.length}}

BY WEEK RECEIVED (recent weeks are still arriving; "incomplete" = under 90% expected to have reached us)

{{#each receivedWeeks}}
- {{this}}
{{/each}}
{{/if}}
{{#if agreement.length}}

HOW FAR TO TRUST EACH THEME (human reviews to date: reviewed / confirmed / added / removed / kept)

{{#each agreement}}
- {{name}}: {{reviewed}} / {{confirmed}} / {{added}} / {{removed}} / {{kept}}
{{/each}}
{{/if}}
{{#if dataAsOf}}

{{dataAsOf}}
{{/if}}

--
{{reason}}
Unsubscribe: {{unsubscribeUrl}}
`);

function rowView(name: string, change: Change, upheldRate: number | null, serious: number | null, extra = ''): RowView {
  return {
    name,
    count: formatCount(change.count),
    previous: formatCount(change.previousCount),
    ...trendView(change.direction, change.change),
    upheldRate: formatPercent(upheldRate),
    serious: serious === null ? '–' : formatCount(serious),
    extra,
  };
}

function summaryLines(summary: OmbudsmanSummary, byArrival: boolean): string[] {
  const { totals } = summary;
  const what = byArrival ? 'arrived and processed, whenever the body received them' : 'processed';
  const lines = [
    `${plural(totals.count, 'complaint')} ${what} (previous period: ${formatCount(totals.previousCount)}, ${trendView(totals.direction, totals.change).words}).`,
  ];
  if (totals.decided > 0) {
    lines.push(`Upheld or partly upheld: ${formatCount(totals.upheld)} of ${formatCount(totals.decided)} decided (${formatPercent(totals.upheldRate)}).`);
  }
  lines.push(`Serious cases: ${formatCount(summary.seriousCount)}.`);
  return lines;
}

function days(n: number | null): string {
  return n === null ? 'n/a' : plural(n, 'day');
}

/** The lag figures in words; nothing when nothing arrived. */
export function arrivalLines(lag: LagStats): string[] {
  if (lag.count === 0) return [];
  return [
    `Median time from receipt to arrival: ${days(lag.medianDays)}; 90th percentile: ${days(lag.p90Days)}.`,
    `${plural(lag.over90Days, 'complaint')} arrived more than 90 days after the body received ${lag.over90Days === 1 ? 'it' : 'them'}.`,
  ];
}

function receivedWeekLine(week: ReceivedWeek): string {
  const [year, month, day] = week.weekStart.split('-').map(Number);
  const status = week.incomplete
    ? `incomplete: about ${formatPercent(week.expectedShareArrived)} expected to have arrived`
    : 'complete';
  return `Week of ${formatCalendarDate({ year, month, day })}: ${plural(week.count, 'complaint')} (${status})`;
}

function periodRange(summary: OmbudsmanSummary, timeZone: string): string {
  const first = calendarDateAt(summary.from, timeZone);
  const last = addCalendarDays(calendarDateAt(summary.to, timeZone), -1);
  return formatDateRange(first, last);
}

function buildView(summary: OmbudsmanSummary, options: OmbudsmanDigestOptions, common: CommonView, range: string): OmbudsmanView {
  const limit = options.organisationLimit ?? 20;
  const themeRates = new Map(summary.upheldRateByTheme.map((r) => [r.theme, r.upheldRate]));
  const hidden = Math.max(0, summary.byOrganisation.length - limit);
  return {
    ...common,
    title: options.arrival ? `Sector learning summary: what arrived, ${range}` : `Sector learning summary, ${range}`,
    reason: 'You receive this summary as Ombudsman staff.',
    greeting: options.recipientName ? `Hello ${safeText(options.recipientName, 200)},` : '',
    summaryLines: summaryLines(summary, options.arrival !== undefined),
    arrivalLines: options.arrival ? arrivalLines(options.arrival.lag) : [],
    receivedWeeks: (options.arrival?.receivedWeeks ?? []).map(receivedWeekLine),
    dataAsOf: options.arrival ? `${figuresAsOf(options.arrival.dataAsOf, options.timeZone ?? DEFAULT_TIME_ZONE)}; complaints processed after that are not counted yet.` : null,
    sectors: summary.bySector.map((s) => rowView(SECTOR_LABELS[s.sector] ?? safeText(s.sector, 60), s, s.upheldRate, s.seriousCount)),
    themes: summary.themes.map((t) => rowView(themeLabel(t.theme), t, themeRates.get(t.theme) ?? null, null)),
    rising: summary.topRisingThemes.map(
      (t) => `${themeLabel(t.theme)}: ${formatCount(t.count)} (${trendView(t.direction, t.change).label}, ${formatSignedPct(t.changePct)})`,
    ),
    remedies: summary.commonRemedies.map((r) => `${REMEDY_LABELS[r.remedy] ?? safeText(r.remedy, 60)}: ${formatCount(r.count)}`),
    organisations: summary.byOrganisation
      .slice(0, limit)
      .map((o) => rowView(safeText(o.organisationName, 200), o, o.upheldRate, o.seriousCount, SECTOR_LABELS[o.sector] ?? safeText(o.sector, 60))),
    organisationsNote: hidden > 0 ? `${plural(hidden, 'more organisation')} not listed.` : null,
    agreement: reviewedThemes(options.classifierAgreement ?? []).map(agreementView),
  };
}

function agreementView(row: ThemeAgreement): AgreementView {
  return {
    name: themeLabel(row.theme),
    reviewed: formatCount(row.confirmed + row.added + row.removed),
    confirmed: formatCount(row.confirmed),
    added: formatCount(row.added),
    removed: formatCount(row.removed),
    kept: formatPercent(row.precision),
  };
}

/** The Ombudsman's periodic summary across sectors and organisations. */
export function renderOmbudsmanDigestEmail(summary: OmbudsmanSummary, options: OmbudsmanDigestOptions): RenderedEmail {
  const limit = options.organisationLimit ?? 20;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`organisationLimit must be a whole number ≥ 0, got ${limit}`);
  const common = commonView(options);
  const range = periodRange(summary, options.timeZone ?? DEFAULT_TIME_ZONE);
  const view = buildView(summary, options, common, range);
  const serious = summary.seriousCount > 0 ? `, ${formatCount(summary.seriousCount)} serious` : '';
  const subject = `${common.appName}: ${plural(summary.totals.count, 'complaint')}${serious}, ${range}`;
  return finishEmail(subject, text(view), html(view), common);
}
