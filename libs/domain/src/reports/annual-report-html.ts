import { REMEDY_LABELS, themeLabel } from '../digest/labels';
import { htmlTemplate } from '../digest/render/handlebars-env';
import { figuresAsOf, formatCount, formatPercent } from '../digest/render/format';
import { DEFAULT_TIME_ZONE } from '../digest/period';
import { safeText } from '../digest/safe-text';
import type { AnnualReport } from './annual-report';

/*
 * Printable, accessible HTML: one h1, h2 per section, data tables with caption and scoped
 * headers, comparisons in words (never colour alone), print styles in the page (it is a
 * page, not an email). Every value is escaped by Handlebars; record text also passes safeText.
 */

interface View {
  title: string;
  year: string;
  dataAsOf: string;
  lateNote: string | null;
  numbers: Array<{ label: string; value: string }>;
  themes: Array<{ theme: string; count: string; rate: string; median: string; comparison: string }>;
  sectorNote: string;
  remedies: Array<{ remedy: string; count: string }>;
  learning: Array<{ theme: string; summaries: string[] }>;
  timeTaken: Array<{ label: string; value: string }>;
}

const page = htmlTemplate<View>(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
body { font-family: Arial, sans-serif; color: #0b0c0c; max-width: 960px; margin: 24px auto; padding: 0 16px; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 24px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 6px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
/* Figures and theme names never break mid-row (a wrapped row reads as two); column headings may. */
td.num, tbody th[scope="row"] { white-space: nowrap; }
th.words, td.words { width: 26%; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table { break-inside: auto; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<main>
<h1>{{title}}</h1>
<p>Financial year {{year}}, counted by the date each complaint was received. {{dataAsOf}}</p>
{{#if lateNote}}<p>{{lateNote}}</p>{{/if}}
<h2 id="numbers">The numbers</h2>
<table>
<caption>Complaints received in the year</caption>
<tbody>
{{#each numbers}}<tr><th scope="row">{{label}}</th><td class="num">{{value}}</td></tr>
{{/each}}
</tbody>
</table>
<h2 id="themes">What complaints were about</h2>
<p>{{sectorNote}}</p>
<table>
<caption>Themes, with the rate per 1,000 complaints against the sector median</caption>
<thead><tr><th scope="col">Theme</th><th scope="col" class="num">Complaints</th><th scope="col" class="num">Per 1,000 complaints</th><th scope="col" class="num">Sector median per 1,000</th><th scope="col" class="words">Compared with the sector</th></tr></thead>
<tbody>
{{#each themes}}<tr><th scope="row">{{theme}}</th><td class="num">{{count}}</td><td class="num">{{rate}}</td><td class="num">{{median}}</td><td class="words">{{comparison}}</td></tr>
{{/each}}
</tbody>
</table>
<h2 id="remedies">Remedies</h2>
{{#if remedies.length}}
<table>
<caption>Remedies given (a complaint can have more than one)</caption>
<thead><tr><th scope="col">Remedy</th><th scope="col" class="num">Complaints</th></tr></thead>
<tbody>
{{#each remedies}}<tr><th scope="row">{{remedy}}</th><td class="num">{{count}}</td></tr>
{{/each}}
</tbody>
</table>
{{else}}<p>No remedies were recorded.</p>{{/if}}
<h2 id="learning">What we learned and what we changed</h2>
{{#each learning}}
<h3>{{theme}}</h3>
<ul>
{{#each summaries}}<li>{{this}}</li>
{{/each}}
</ul>
{{else}}<p>No learning was recorded this year.</p>
{{/each}}
<h2 id="time">How long complaints took</h2>
<table>
<caption>Time from receipt to closure, for closed complaints</caption>
<tbody>
{{#each timeTaken}}<tr><th scope="row">{{label}}</th><td class="num">{{value}}</td></tr>
{{/each}}
</tbody>
</table>
</main>
</body>
</html>
`);

function days(n: number | null): string {
  return n === null ? 'not available' : `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;
}

/** `timeZone`: the zone the figures' read time is shown in (the financial year's days are London's). */
export function renderAnnualReportHtml(report: AnnualReport, timeZone: string = DEFAULT_TIME_ZONE): string {
  const name = safeText(report.organisation.name, 200);
  return page({
    title: `${name}: annual complaints report ${report.financialYear}`,
    year: report.financialYear,
    dataAsOf: `${figuresAsOf(new Date(report.dataAsOf), timeZone)} (${timeZone === DEFAULT_TIME_ZONE ? 'UK time' : timeZone}).`,
    lateNote:
      report.arrivedAfterPeriod > 0
        ? `${formatCount(report.arrivedAfterPeriod)} of these complaints reached the service after the year ended; a report run earlier would not have counted them.`
        : null,
    numbers: [
      { label: 'Complaints received', value: formatCount(report.complaints) },
      { label: 'Decided (not open or withdrawn)', value: formatCount(report.decided) },
      { label: 'Upheld or partly upheld', value: formatCount(report.upheld) },
      { label: 'Upheld rate (of decided)', value: formatPercent(report.upheldRate) },
      { label: 'Withdrawn', value: formatCount(report.withdrawn) },
      { label: 'Still open', value: formatCount(report.open) },
    ],
    themes: report.themes.map((t) => ({
      theme: themeLabel(t.theme),
      count: formatCount(t.count),
      rate: t.ratePer1000.toFixed(1),
      median: t.sectorMedianPer1000 === null ? 'not available' : t.sectorMedianPer1000.toFixed(1),
      comparison: t.comparison,
    })),
    sectorNote: `A complaint can have more than one theme. The sector median is taken over the ${formatCount(report.sectorBodies)} bodies in the sector with complaints this year; within 10% of it reads "about the sector median".`,
    remedies: report.remedies.map((r) => ({ remedy: REMEDY_LABELS[r.remedy] ?? safeText(r.remedy, 60), count: formatCount(r.count) })),
    learning: report.learning.map((l) => ({ theme: themeLabel(l.theme), summaries: l.summaries.map((s) => safeText(s, 600)) })),
    timeTaken: [
      { label: 'Closed complaints', value: formatCount(report.timeTaken.closed) },
      { label: 'Median time taken', value: days(report.timeTaken.medianDays) },
      { label: '90th percentile', value: days(report.timeTaken.p90Days) },
    ],
  });
}
