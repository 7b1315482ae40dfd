import { buildOmbudsmanSummary } from '../../learning/ombudsman-summary';
import { detectRisingThemes } from '../../learning/rising-themes';
import { sampleItem } from '../testing/sample-digest.fixture';
import { renderImmediateAlertEmail } from './immediate-alert-email';
import { renderOmbudsmanDigestEmail } from './ombudsman-digest-email';
import { renderRisingThemeAlertEmail } from './rising-theme-alert-email';

const options = { unsubscribeUrl: 'https://learning.example.gov.uk/u/abc' };

describe('renderImmediateAlertEmail', () => {
  const item = sampleItem({
    complaintId: 'c1',
    reference: 'NHT-1',
    severity: 'serious',
    serviceArea: 'Maternity',
    learningSummary: '<script>alert(1)</script> -escalation failed',
  });

  it('alerts with a subject of severity and organisation only', () => {
    const email = renderImmediateAlertEmail({ ...options, contactName: 'Sam', organisationName: 'Northshire\nTrust', item });
    expect(email.subject).toBe('Complaint learning: serious case alert for Northshire Trust');
    expect(email.text).toContain('Ref NHT-1');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
  });

  it('for shared learning, hides the reference and the source unless naming is allowed', () => {
    const shared = { ...item, shared: true };
    const anonymous = renderImmediateAlertEmail({ ...options, contactName: 'Sam', organisationName: 'Westmoor', item: shared });
    expect(anonymous.subject).toBe('Complaint learning: serious case shared from your sector, for Westmoor');
    expect(anonymous.text).not.toContain('NHT-1');
    expect(anonymous.text).toContain('From another organisation in your sector');
    const named = renderImmediateAlertEmail({
      ...options,
      contactName: 'Sam',
      organisationName: 'Westmoor',
      item: { ...shared, sourceOrganisationName: '@Northshire' },
    });
    expect(named.text).toContain("From '@Northshire");
  });
});

describe('renderOmbudsmanDigestEmail', () => {
  const summary = buildOmbudsmanSummary({
    from: new Date('2026-11-16T00:00:00Z'),
    to: new Date('2026-11-23T00:00:00Z'),
    current: {
      complaints: [
        { sector: 'health', organisationId: 'o1', organisationName: '=cmd|calc', outcome: 'upheld', severity: 'serious', count: 3 },
        { sector: 'health', organisationId: 'o2', organisationName: '<b>Second</b>', outcome: 'not-upheld', severity: 'low', count: 1 },
        { sector: 'local-government', organisationId: 'o3', organisationName: 'Eastborough', outcome: 'open', severity: 'low', count: 1 },
      ],
      themes: [
        { theme: 'safeguarding', outcome: 'upheld', count: 6 },
        { theme: 'housing', outcome: 'open', count: 1 },
      ],
      remedies: [{ remedy: 'apology', count: 3 }],
    },
    previous: { complaints: [], themes: [{ theme: 'safeguarding', outcome: 'upheld', count: 1 }] },
  });

  it('summarises totals, sectors, themes, rising themes and remedies', () => {
    const email = renderOmbudsmanDigestEmail(summary, { ...options, recipientName: 'Alex' });
    expect(email.subject).toBe('Complaint learning: 5 complaints, 3 serious, 16–22 November 2026');
    expect(email.text).toContain('- Safeguarding: 6 (↑ 5 more, +500%)');
    expect(email.text).toContain('- Health: 4 / 0 / ↑ 4 more / 75% / 3');
    expect(email.text).toContain('- Apology: 3');
    expect(email.text).toContain("- '=cmd|calc (Health)");
    expect(email.html).toContain('&lt;b&gt;Second&lt;/b&gt;');
  });

  it('renders a quiet period without failing on missing sections', () => {
    const empty = buildOmbudsmanSummary({
      from: new Date('2026-11-24T00:00:00Z'),
      to: new Date('2026-11-25T00:00:00Z'),
      current: { complaints: [], themes: [] },
      previous: { complaints: [], themes: [] },
    });
    const email = renderOmbudsmanDigestEmail(empty, options);
    expect(email.subject).toBe('Complaint learning: 0 complaints, 24 November 2026');
    expect(email.text).not.toContain('RISING THEMES');
    expect(email.text).not.toContain('Upheld or partly upheld');
  });

  it('lists at most organisationLimit organisations and counts the rest', () => {
    const email = renderOmbudsmanDigestEmail(summary, { ...options, organisationLimit: 1 });
    expect(email.text).toContain('2 more organisations not listed.');
    expect(email.text).not.toContain('Eastborough');
  });
});

describe('renderRisingThemeAlertEmail', () => {
  it('lists rising themes with their baseline', () => {
    const rising = detectRisingThemes(
      [
        { sector: 'health', theme: 'safeguarding', weekStart: '2026-11-16', count: 9 },
        { sector: 'health', theme: 'safeguarding', weekStart: '2026-11-09', count: 4 },
      ],
      '2026-11-16',
    );
    const email = renderRisingThemeAlertEmail({ ...options, recipientName: 'Alex', rising, weekStart: '2026-11-16' });
    expect(email.subject).toBe('Complaint learning: 1 rising complaint theme, week of 16 November 2026');
    expect(email.text).toContain('- Safeguarding (Health): 9 this week, weekly average before 1.0, 9.0×');
  });

  it('refuses to send an empty alert', () => {
    expect(() => renderRisingThemeAlertEmail({ ...options, recipientName: 'Alex', rising: [], weekStart: '2026-11-16' })).toThrow(RangeError);
  });
});
