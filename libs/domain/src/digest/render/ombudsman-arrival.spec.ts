import { buildOmbudsmanSummary } from '../../learning/ombudsman-summary';
import { renderOmbudsmanDigestEmail } from './ombudsman-digest-email';
import { renderRisingThemeAlertEmail } from './rising-theme-alert-email';

const from = new Date('2026-11-30T00:00:00Z');
const to = new Date('2026-12-07T00:00:00Z');
const summary = buildOmbudsmanSummary({
  from,
  to,
  risingLimit: 0,
  current: {
    complaints: [{ sector: 'health', organisationId: 'o1', organisationName: 'Riverside NHS Trust', outcome: 'upheld', severity: 'medium', count: 3 }],
    themes: [{ theme: 'communication', outcome: 'upheld', count: 3 }],
  },
  previous: { complaints: [], themes: [] },
});
const options = { unsubscribeUrl: 'https://example.test/u?t=1', recipientName: 'Olu' };

describe('the Ombudsman digest by arrival', () => {
  const email = renderOmbudsmanDigestEmail(summary, {
    ...options,
    arrival: {
      lag: { count: 3, medianDays: 41, p90Days: 130, over90Days: 1 },
      dataAsOf: new Date('2026-12-07T07:58:00Z'),
      receivedWeeks: [
        { weekStart: '2026-11-23', count: 4, expectedShareArrived: 0.31, incomplete: true },
        { weekStart: '2026-08-03', count: 20, expectedShareArrived: 0.95, incomplete: false },
      ],
    },
  });

  it('says it counts arrivals, how late they were, and which weeks by receipt are incomplete', () => {
    expect(email.text).toContain('3 complaints arrived and processed, whenever the body received them');
    expect(email.text).toContain('Median time from receipt to arrival: 41 days; 90th percentile: 130 days.');
    expect(email.text).toContain('1 complaint arrived more than 90 days after the body received it.');
    expect(email.text).toContain('Week of 23 November 2026: 4 complaints (incomplete: about 31% expected to have arrived)');
    expect(email.text).toContain('Week of 3 August 2026: 20 complaints (complete)');
    expect(email.text).toContain('Figures as of 7 Dec 2026 07:58');
    expect(email.html).toContain('<h2 style="font-size:20px;margin:28px 0 8px;">By week received</h2>');
  });

  it('renders as before without arrival context', () => {
    const plain = renderOmbudsmanDigestEmail(summary, options);
    expect(plain.text).toContain('3 complaints processed (previous period');
    expect(plain.text).not.toContain('BY WEEK RECEIVED');
  });
});

describe('a rising-theme alert revealed by late data', () => {
  it('names the week and says the rise was revealed late', () => {
    const email = renderRisingThemeAlertEmail({
      ...options,
      rising: [{ sector: 'social-care', theme: 'safeguarding', weekStart: '2026-09-21', count: 4, baselineMean: 1, ratio: 4 }],
      weekStart: '2026-09-21',
      revealedLate: true,
    });
    expect(email.subject).toContain('week of 21 September 2026 (revealed by late data)');
    expect(email.text).toContain('reached this service late');
  });
});
