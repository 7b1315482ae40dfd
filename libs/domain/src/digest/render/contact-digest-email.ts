import type { ContactDigest, OwnEntry, ThemeGroup } from '../digest-types';
import { themeLabel } from '../labels';
import { safeHeaderText, safeText } from '../safe-text';
import { ownEntryView, sharedEntryView, type EntryView } from './entry-view';
import { figuresAsOf, formatCount, formatPercent, periodLabel, periodNoun, plural, trendView, type TrendView } from './format';
import { htmlTemplate, textTemplate } from './handlebars-env';
import { STYLE } from './layout';
import { commonView, finishEmail, type CommonView, type RenderedEmail, type RenderOptions } from './rendered-email';

interface ThemeRowView extends TrendView {
  theme: string;
  count: string;
  previous: string;
}

interface SectionView {
  show: boolean;
  entries: EntryView[];
  omittedNote: string | null;
}

/** A serious case is listed briefly at the top and in full under its theme (or here, if the cap left it out there). */
interface SeriousView {
  heading: string;
  meta: string;
  detail: string;
}

interface SeriousSectionView {
  show: boolean;
  entries: SeriousView[];
  omittedNote: string | null;
}

interface GroupView {
  heading: string;
  entries: EntryView[];
  omittedNote: string | null;
}

interface ContactDigestView extends CommonView {
  title: string;
  reason: string;
  greeting: string;
  intro: string;
  summaryLines: string[];
  noun: string;
  currentHeading: string;
  previousHeading: string;
  hasOwn: boolean;
  hasThemes: boolean;
  themeRows: ThemeRowView[];
  serious: SeriousSectionView;
  groups: GroupView[];
  omittedNote: string | null;
  shared: SectionView;
  dataAsOf: string;
}

const html = htmlTemplate<ContactDigestView>(`{{> head}}
<p>{{greeting}}</p>
<p>{{intro}}</p>
{{#if hasOwn}}
<ul style="padding-left:20px;">
{{#each summaryLines}}<li>{{this}}</li>
{{/each}}
</ul>
{{/if}}
<p style="${STYLE.note}">{{dataAsOf}}</p>
{{#if serious.show}}
<h2 style="${STYLE.h2}">Serious cases</h2>
<ul style="padding-left:20px;">
{{#each serious.entries}}<li style="margin:0 0 8px;"><strong>{{heading}}</strong><br>{{meta}}<br>{{detail}}</li>
{{/each}}
</ul>
{{#if serious.omittedNote}}<p style="${STYLE.note}">{{serious.omittedNote}}</p>{{/if}}
{{/if}}
{{#if hasThemes}}
<h2 style="${STYLE.h2}">Themes</h2>
<table style="${STYLE.table}">
<caption style="text-align:left;${STYLE.note}">Complaints per theme; a complaint can have more than one theme.</caption>
<thead><tr><th scope="col" style="${STYLE.th}">Theme</th><th scope="col" style="${STYLE.thNum}">{{currentHeading}}</th><th scope="col" style="${STYLE.thNum}">{{previousHeading}}</th><th scope="col" style="${STYLE.thNum}">Change</th></tr></thead>
<tbody>
{{#each themeRows}}<tr><th scope="row" style="${STYLE.td}font-weight:normal;">{{theme}}</th><td style="${STYLE.tdNum}">{{count}}</td><td style="${STYLE.tdNum}">{{previous}}</td><td style="${STYLE.tdNum}">{{#if arrow}}<span aria-hidden="true">{{arrow}}</span> {{/if}}{{words}}</td></tr>
{{/each}}
</tbody>
</table>
{{/if}}
{{#if hasOwn}}
<h2 style="${STYLE.h2}">What was learned, by theme</h2>
{{#each groups}}
<h3 style="${STYLE.h3}">{{heading}}</h3>
{{#each entries}}{{> entry}}{{/each}}
{{#if omittedNote}}<p style="${STYLE.note}">{{omittedNote}}</p>{{/if}}
{{/each}}
{{#if omittedNote}}<p style="${STYLE.note}"><strong>{{omittedNote}}</strong></p>{{/if}}
{{/if}}
{{#if shared.show}}
<h2 style="${STYLE.h2}">Learning shared by other bodies in your sector</h2>
{{#each shared.entries}}{{> entry}}{{/each}}
{{#if shared.omittedNote}}<p style="${STYLE.note}">{{shared.omittedNote}}</p>{{/if}}
{{/if}}
{{> foot}}`);

const text = textTemplate<ContactDigestView>(`{{appName}}: {{title}}

{{greeting}}

{{intro}}

{{#if hasOwn}}
{{#each summaryLines}}
- {{this}}
{{/each}}

{{/if}}
{{dataAsOf}}

{{#if serious.show}}
SERIOUS CASES

{{#each serious.entries}}
* {{heading}}
  {{meta}}
  {{detail}}

{{/each}}
{{#if serious.omittedNote}}{{serious.omittedNote}}{{/if}}

{{/if}}
{{#if hasThemes}}
THEMES ({{noun}} / {{noun}} before / change)

{{#each themeRows}}
- {{theme}}: {{count}} / {{previous}} / {{label}}
{{/each}}

{{/if}}
{{#if hasOwn}}
WHAT WAS LEARNED, BY THEME

{{#each groups}}
## {{heading}}

{{#each entries}}{{> entry}}{{/each}}
{{#if omittedNote}}{{omittedNote}}

{{/if}}
{{/each}}
{{#if omittedNote}}{{omittedNote}}

{{/if}}
{{/if}}
{{#if shared.show}}
LEARNING SHARED BY OTHER BODIES IN YOUR SECTOR

{{#each shared.entries}}{{> entry}}{{/each}}
{{#if shared.omittedNote}}{{shared.omittedNote}}{{/if}}

{{/if}}
{{> foot}}`);

function moreNote(omitted: number, what: string): string | null {
  return omitted > 0 ? `${plural(omitted, `more ${what}`)} not shown, to keep this email short.` : null;
}

function summaryLines(digest: ContactDigest, noun: string): string[] {
  const { totals } = digest;
  const lines = [
    `${plural(totals.count, 'complaint')} with learning (${noun} before: ${formatCount(totals.previousCount)}, ${trendView(totals.direction, totals.delta).words}).`,
  ];
  if (digest.decidedCount > 0) {
    lines.push(
      `Upheld or partly upheld: ${formatCount(digest.upheldCount)} of ${formatCount(digest.decidedCount)} decided (${formatPercent(digest.upheldRate)}).`,
    );
  }
  lines.push(`Serious cases: ${formatCount(digest.seriousCases.total)}.`);
  return lines;
}

function seriousView(entry: OwnEntry, shownBelow: boolean, timeZone: string): SeriousView {
  const view = ownEntryView(entry, timeZone);
  return {
    heading: view.heading,
    meta: view.meta,
    detail: shownBelow ? `Details under ${themeLabel(entry.leadTheme)} below.` : view.summary,
  };
}

function groupView(group: ThemeGroup, timeZone: string): GroupView {
  return {
    heading: `${themeLabel(group.theme)} (${formatCount(group.total)})`,
    entries: group.entries.map((e) => ownEntryView(e, timeZone)),
    omittedNote: group.omitted > 0 ? `${plural(group.omitted, 'more item')} under this theme not shown.` : null,
  };
}

function buildView(digest: ContactDigest, common: CommonView): ContactDigestView {
  const tz = digest.period.timeZone;
  const noun = periodNoun(digest.period.frequency);
  const organisation = safeText(digest.organisation.name, 200);
  const shownIds = new Set(digest.groups.flatMap((g) => g.entries.map((e) => e.complaintId)));
  return {
    ...common,
    title: `Learning from complaints, ${periodLabel(digest.period)}`,
    reason: `You receive this ${digest.period.frequency} digest as a contact for ${organisation}. Learning summaries are redacted and may be shortened.`,
    greeting: `Hello ${safeText(digest.contact.name, 200)},`,
    intro: `What ${organisation} can learn from complaints processed ${digest.period.frequency === 'daily' ? 'on' : 'in the week'} ${periodLabel(digest.period)}.`,
    summaryLines: summaryLines(digest, noun),
    noun,
    currentHeading: noun === 'day' ? 'Day' : 'Week',
    previousHeading: `${noun === 'day' ? 'Day' : 'Week'} before`,
    hasOwn: digest.totals.count > 0,
    hasThemes: digest.themes.length > 0,
    themeRows: digest.themes.map((t) => ({
      theme: themeLabel(t.theme),
      count: formatCount(t.count),
      previous: formatCount(t.previousCount),
      ...trendView(t.direction, t.delta),
    })),
    serious: {
      show: digest.seriousCases.total > 0,
      entries: digest.seriousCases.entries.map((e) => seriousView(e, shownIds.has(e.complaintId), tz)),
      omittedNote: moreNote(digest.seriousCases.omitted, 'serious case'),
    },
    groups: digest.groups.map((g) => groupView(g, tz)),
    omittedNote: moreNote(digest.omitted, 'learning item'),
    shared: {
      show: digest.shared.total > 0,
      entries: digest.shared.entries.map((e) => sharedEntryView(e, tz)),
      omittedNote: moreNote(digest.shared.omitted, 'shared item'),
    },
    dataAsOf: `${figuresAsOf(digest.dataAsOf, tz)}; complaints processed after that will be in the next digest.`,
  };
}

/** Built from counts, organisation name and period only: no record content can reach a header. */
function subject(digest: ContactDigest, appName: string): string {
  const organisation = safeHeaderText(digest.organisation.name, 80);
  const own = digest.totals.count;
  const serious = digest.seriousCases.total;
  const shared = digest.shared.total;
  const parts =
    own > 0
      ? [`${plural(own, 'complaint')} with learning`, serious > 0 ? ` (${formatCount(serious)} serious)` : '', shared > 0 ? ` + ${formatCount(shared)} shared` : '']
      : [`${plural(shared, 'learning item')} shared from your sector`];
  return `${appName}: ${parts.join('')} for ${organisation}, ${periodLabel(digest.period)}`;
}

/** Renders a contact's improvement digest as a multipart email (HTML + plain text). */
export function renderContactDigestEmail(digest: ContactDigest, options: RenderOptions): RenderedEmail {
  const common = commonView(options);
  const view = buildView(digest, common);
  return finishEmail(subject(digest, common.appName), text(view), html(view), common);
}
