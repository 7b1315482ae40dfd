import { buildContactDigest } from '../build-contact-digest';
import type { BuildContactDigestInput, ContactDigest } from '../digest-types';
import { digestPeriod } from '../period';
import { SAMPLE_RENDER_OPTIONS, sampleDigestInput, sampleItem } from '../testing/sample-digest.fixture';
import { renderContactDigestEmail } from './contact-digest-email';
import { TEMPLATE_SOURCES } from './handlebars-env';

function digestOf(overrides: Partial<BuildContactDigestInput> = {}): ContactDigest {
  const digest = buildContactDigest({ ...sampleDigestInput(), ...overrides });
  if (!digest) throw new Error('expected a digest');
  return digest;
}

const XSS = '<script>alert(1)</script>';

describe('renderContactDigestEmail', () => {
  const email = renderContactDigestEmail(digestOf(), SAMPLE_RENDER_OPTIONS);

  it('builds the subject from counts, organisation and period only', () => {
    expect(email.subject).toBe(
      'Complaint learning: 5 complaints with learning (1 serious) + 2 shared for Northshire Hospitals NHS Trust, 16–22 November 2026',
    );
  });

  it('shows the theme table with arrows and words for the change', () => {
    expect(email.text).toContain('- Communication: 4 / 1 / ↑ 3 more');
    expect(email.text).toContain('- Delay: 1 / 3 / ↓ 2 fewer');
    expect(email.html).toMatch(/<span aria-hidden="true">↓<\/span> 2 fewer/);
    expect(email.html).toContain('<th scope="col"');
    expect(email.html).toContain('<html lang="en-GB">');
  });

  it('shows totals, uphold rate and what the cap left out', () => {
    expect(email.text).toContain('5 complaints with learning (week before: 4, 1 more).');
    expect(email.text).toContain('Upheld or partly upheld: 2 of 4 decided (50%).');
    expect(email.text).toContain('1 more learning item not shown, to keep this email short.');
    expect(email.text).toContain('1 more item under this theme not shown.');
  });

  it('lists groups in importance order in both parts', () => {
    for (const part of [email.text, email.html].map((p) => p.toLowerCase())) {
      expect(part.indexOf('clinical care (2)')).toBeGreaterThan(0);
      expect(part.indexOf('clinical care (2)')).toBeLessThan(part.indexOf('communication (3)'));
      expect(part.indexOf('communication (3)')).toBeLessThan(part.indexOf('shared by other bodies'));
    }
  });

  it('keeps shared learning anonymous unless naming was allowed, and never shows its reference', () => {
    expect(email.text).toContain('From another organisation in your sector');
    expect(email.text).toContain('From Southvale University Hospitals');
    expect(email.text).not.toContain('OTHER-BODY-REF-9');
    expect(email.html).not.toContain('OTHER-BODY-REF-9');
    expect(email.text).toContain('Ref NHT-2026-0150');
  });

  it('neutralises spreadsheet formulas in record content, in both parts', () => {
    expect(email.text).toContain(`'=HYPERLINK("http://x") Families`);
    expect(email.html).toContain('&#x27;&#x3D;HYPERLINK(&quot;http://x&quot;) Families');
  });

  it('makes HTML in record content inert', () => {
    const hostile = digestOf({
      organisation: { id: 'o-1', name: '<b>Trust</b>' },
      contact: { ...sampleDigestInput().contact, name: '<img src=x onerror=alert(1)>' },
      items: [
        sampleItem({ complaintId: 'x1', learningSummary: XSS, serviceArea: '<i>Ward</i>', reference: '"><svg onload=alert(1)>' }),
        sampleItem({ complaintId: 'x2', shared: true, sourceOrganisationName: '<a href="javascript:alert(1)">Evil</a>' }),
      ],
    });
    const { html, text } = renderContactDigestEmail(hostile, SAMPLE_RENDER_OPTIONS);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img|<svg|<b>|<i>|href="javascript/i);
    // The text part is plain text: the same characters appear, but nothing interprets them.
    expect(text).toContain(XSS);
  });

  it('keeps the subject to one line whatever the organisation name contains', () => {
    const digest = digestOf({ organisation: { id: 'o-1', name: 'Trust\r\nBcc: victim@example.com\u0000' } });
    const { subject } = renderContactDigestEmail(digest, SAMPLE_RENDER_OPTIONS);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.includes('\u0000')).toBe(false);
    expect(subject).toContain('for Trust Bcc: victim@example.com, 16–22 November 2026');
  });

  it('never puts record content into the subject', () => {
    const digest = digestOf({ items: [sampleItem({ complaintId: 'x', learningSummary: 'SECRET-SUMMARY', serviceArea: 'SECRET-AREA', reference: 'SECRET-REF' })] });
    expect(renderContactDigestEmail(digest, SAMPLE_RENDER_OPTIONS).subject).not.toMatch(/SECRET/);
  });

  it('words the subject for a shared-only digest', () => {
    const digest = digestOf({ items: sampleDigestInput().items.filter((i) => i.shared) });
    const rendered = renderContactDigestEmail(digest, SAMPLE_RENDER_OPTIONS);
    expect(rendered.subject).toBe(
      'Complaint learning: 2 learning items shared from your sector for Northshire Hospitals NHS Trust, 16–22 November 2026',
    );
    expect(rendered.text).not.toContain('WHAT WAS LEARNED');
  });

  it('adds List-Unsubscribe and escapes the link; refuses non-http links', () => {
    expect(email.headers['List-Unsubscribe']).toBe('<https://learning.example.gov.uk/unsubscribe?token=abc123&c=c-1>');
    expect(email.html).toContain('href="https://learning.example.gov.uk/unsubscribe?token&#x3D;abc123&amp;c&#x3D;c-1"');
    expect(() => renderContactDigestEmail(digestOf(), { unsubscribeUrl: 'javascript:alert(1)' })).toThrow(RangeError);
    expect(() => renderContactDigestEmail(digestOf(), { unsubscribeUrl: 'not a url' })).toThrow(RangeError);
  });

  it('labels a daily digest with the London day', () => {
    const daily = digestOf({ period: digestPeriod('daily', new Date('2026-06-10T23:30:00Z')) });
    const rendered = renderContactDigestEmail(daily, SAMPLE_RENDER_OPTIONS);
    expect(rendered.subject).toMatch(/, Wednesday 10 June 2026$/);
    expect(rendered.text).toContain('5 complaints with learning (day before: 4, 1 more).');
  });

  it('is deterministic', () => {
    expect(renderContactDigestEmail(digestOf(), SAMPLE_RENDER_OPTIONS)).toEqual(email);
  });
});

describe('templates', () => {
  it('never use the triple-stash, which would skip HTML escaping', () => {
    expect(TEMPLATE_SOURCES.length).toBeGreaterThan(5);
    for (const source of TEMPLATE_SOURCES) expect(source).not.toContain('{{{');
  });
});
