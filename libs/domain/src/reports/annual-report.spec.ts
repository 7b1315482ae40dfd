import { financialYear } from '../returns/financial-year';
import type { ReturnComplaintRow } from '../returns/return-rows';
import { buildAnnualReport, sectorMedians } from './annual-report';
import { renderAnnualReportHtml } from './annual-report-html';

const row = (over: Partial<ReturnComplaintRow>): ReturnComplaintRow => ({
  organisationId: 'o1',
  serviceArea: 'Maternity',
  themes: ['communication'],
  outcome: 'upheld',
  remedies: ['apology'],
  receivedAt: '2025-05-01T10:00:00Z',
  closedAt: '2025-05-21T10:00:00Z',
  learningSummary: 'Scan cancellations are now phoned to parents the same day.',
  ...over,
});

describe('annual report', () => {
  it('takes the sector median rate per 1,000 complaints over bodies with complaints', () => {
    // o1: 4 complaints, 2 communication (500 per 1,000); o2: 10, 1 (100); o3: 5, none (0) → median 100.
    const { bodies, medians } = sectorMedians([
      { organisationId: 'o1', theme: null, count: 4 },
      { organisationId: 'o1', theme: 'communication', count: 2 },
      { organisationId: 'o2', theme: null, count: '10' },
      { organisationId: 'o2', theme: 'communication', count: 1 },
      { organisationId: 'o3', theme: null, count: 5 },
    ]);
    expect(bodies).toBe(3);
    expect(medians.get('communication')).toBe(100);
  });

  const report = buildAnnualReport({
    organisation: { id: 'o1', name: '<b>Riverside</b> NHS Trust', sector: 'health' },
    year: financialYear(2025),
    dataAsOf: '2026-12-04T10:00:00.000Z',
    arrivedAfterPeriod: 1,
    sector: [
      { organisationId: 'o1', theme: null, count: 4 },
      { organisationId: 'o1', theme: 'communication', count: 2 },
      { organisationId: 'o2', theme: null, count: 10 },
      { organisationId: 'o2', theme: 'communication', count: 1 },
    ],
    complaints: [
      row({}),
      row({ themes: ['communication', 'delay'], outcome: 'not-upheld', remedies: [], closedAt: '2025-06-30T10:00:00Z', learningSummary: '<script>x</script> =cmd' }),
      row({ themes: ['delay'], outcome: 'open', closedAt: null, learningSummary: null }),
      row({ themes: [], outcome: 'withdrawn', remedies: [] }),
    ],
  });

  it('gives the numbers, themes against the sector, remedies and time taken', () => {
    expect(report).toMatchObject({ complaints: 4, decided: 2, upheld: 1, upheldRate: 0.5, withdrawn: 1, open: 1 });
    expect(report.themes).toEqual([
      { theme: 'communication', count: 2, ratePer1000: 500, sectorMedianPer1000: 300, comparison: 'higher than the sector median' },
      { theme: 'delay', count: 2, ratePer1000: 500, sectorMedianPer1000: null, comparison: 'no sector comparison' },
    ]);
    expect(report.remedies).toEqual([{ remedy: 'apology', count: 2 }]);
    expect(report.timeTaken).toEqual({ closed: 3, medianDays: 20, p90Days: 60 });
    expect(report.learning.map((l) => [l.theme, l.summaries.length])).toEqual([['communication', 2], [null, 1]]);
  });

  it('renders accessible HTML: headings, captioned tables, comparisons in words, escaped text', () => {
    const html = renderAnnualReportHtml(report);
    expect(html).toContain('<html lang="en-GB">');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h2 id="learning">What we learned and what we changed</h2>');
    expect(html).toContain('<caption>Themes, with the rate per 1,000 complaints against the sector median</caption>');
    expect(html).toContain('<th scope="col">Theme</th>');
    expect(html).toContain('<td class="words">higher than the sector median</td>');
    // When the figures were read, in the digests' words (10:00 UTC is 10:00 in London in December).
    expect(html).toContain('Figures as of 4 Dec 2026 10:00 (UK time).');
    expect(html).toContain('&lt;b&gt;Riverside&lt;/b&gt; NHS Trust');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; &#x3D;cmd');
    expect(html).not.toContain('<script>');
  });
});
