import type { RisingTheme } from '../../learning/rising-themes';
import { SECTOR_LABELS, themeLabel } from '../labels';
import { safeHeaderText, safeText } from '../safe-text';
import { formatCalendarDate, formatCount, plural } from './format';
import { htmlTemplate, textTemplate } from './handlebars-env';
import { STYLE } from './layout';
import { commonView, finishEmail, type CommonView, type RenderedEmail, type RenderOptions } from './rendered-email';

export interface RisingThemeAlertInput extends RenderOptions {
  recipientName: string;
  /** From detectRisingThemes; must not be empty (there is nothing to alert). */
  rising: RisingTheme[];
  /** 'YYYY-MM-DD' Monday of the week judged. */
  weekStart: string;
  /** Defaults in the text; e.g. 2 and 4 as passed to detectRisingThemes. */
  factor?: number;
  baselineWeeks?: number;
  /**
   * The week is in the past: complaints received then arrived late and revealed the rise.
   * The alert names the week and says so, so nobody reads it as this week's news.
   */
  revealedLate?: boolean;
}

interface RisingRowView {
  sector: string;
  theme: string;
  count: string;
  baseline: string;
  ratio: string;
}

interface RisingView extends CommonView {
  title: string;
  reason: string;
  greeting: string;
  intro: string;
  rows: RisingRowView[];
}

const html = htmlTemplate<RisingView>(`{{> head}}
<p>{{greeting}}</p>
<p>{{intro}}</p>
<table style="${STYLE.table}">
<caption style="text-align:left;${STYLE.note}">Complaints this week against the weekly average before it.</caption>
<thead><tr><th scope="col" style="${STYLE.th}">Sector</th><th scope="col" style="${STYLE.th}">Theme</th><th scope="col" style="${STYLE.thNum}">This week</th><th scope="col" style="${STYLE.thNum}">Weekly average before</th><th scope="col" style="${STYLE.thNum}">Times the average</th></tr></thead>
<tbody>
{{#each rows}}<tr><td style="${STYLE.td}">{{sector}}</td><th scope="row" style="${STYLE.td}font-weight:normal;">{{theme}}</th><td style="${STYLE.tdNum}">{{count}}</td><td style="${STYLE.tdNum}">{{baseline}}</td><td style="${STYLE.tdNum}">{{ratio}}</td></tr>
{{/each}}
</tbody>
</table>
{{> foot}}`);

const text = textTemplate<RisingView>(`{{appName}}: {{title}}

{{greeting}}

{{intro}}

{{#each rows}}
- {{theme}} ({{sector}}): {{count}} this week, weekly average before {{baseline}}, {{ratio}}
{{/each}}

{{> foot}}`);

function parseWeekStart(weekStart: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(weekStart);
  if (!match) throw new RangeError(`weekStart must be YYYY-MM-DD, got ${JSON.stringify(weekStart)}`);
  return formatCalendarDate({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
}

function rowView(r: RisingTheme): RisingRowView {
  return {
    sector: SECTOR_LABELS[r.sector] ?? safeText(r.sector, 60),
    theme: themeLabel(r.theme),
    count: formatCount(r.count),
    baseline: r.baselineMean.toFixed(1),
    ratio: r.ratio === null ? 'new' : `${r.ratio.toFixed(1)}×`,
  };
}

/** Alert that one or more themes spiked this week, per detectRisingThemes. */
export function renderRisingThemeAlertEmail(input: RisingThemeAlertInput): RenderedEmail {
  if (input.rising.length === 0) throw new RangeError('No rising themes: nothing to alert');
  const common = commonView(input);
  const week = parseWeekStart(input.weekStart);
  const factor = input.factor ?? 2;
  const baselineWeeks = input.baselineWeeks ?? 4;
  const count = plural(input.rising.length, 'rising complaint theme');
  const late = input.revealedLate
    ? ` This is a past week: complaints received then reached this service late, and now show the rise. Counts are by the date each body received the complaint.`
    : '';
  const view: RisingView = {
    ...common,
    title: `${count}, week of ${week}${input.revealedLate ? ' (revealed by late data)' : ''}`,
    reason: 'You receive rising-theme alerts from this service.',
    greeting: `Hello ${safeText(input.recipientName, 200)},`,
    intro: `These themes had more than ${factor} times their weekly average over the previous ${plural(baselineWeeks, 'week')} in the week starting ${week}.${late}`,
    rows: input.rising.map(rowView),
  };
  return finishEmail(safeHeaderText(`${common.appName}: ${count}, week of ${week}${input.revealedLate ? ' (revealed by late data)' : ''}`), text(view), html(view), common);
}
