import { buildContactDigest } from '../build-contact-digest';
import type { BuildContactDigestInput } from '../digest-types';
import { digestPeriod } from '../period';
import { SAMPLE_RENDER_OPTIONS, sampleDigestInput, sampleItem } from '../testing/sample-digest.fixture';
import { renderContactDigestEmail } from './contact-digest-email';
import { figuresAsOf } from './format';

function render(overrides: Partial<BuildContactDigestInput> = {}) {
  const digest = buildContactDigest({ ...sampleDigestInput(), ...overrides });
  if (!digest) throw new Error('expected a digest');
  return renderContactDigestEmail(digest, SAMPLE_RENDER_OPTIONS);
}

/** Service managers' digests say when their figures were cut off, in the Ombudsman digest's words. */
describe('contact digest: Figures as of', () => {
  it('cuts off at the end of the period by default (16–22 November 2026 ends Monday 23 November, 00:00 London)', () => {
    const email = render();
    const line = 'Figures as of 23 Nov 2026 00:00; complaints processed after that will be in the next digest.';
    expect(email.text.split('\n')).toContain(line);
    expect(email.html).toContain(`${line}</p>`);
  });

  it('shows an earlier cut-off in the period’s zone, and never one after the period', () => {
    const daily = digestPeriod('daily', new Date('2026-07-02T07:00:00Z'));
    const summer = { period: daily, items: [sampleItem({ complaintId: 'c-1', receivedAt: new Date('2026-06-20T09:00:00Z') })] };
    expect(render({ ...summer, dataAsOf: new Date('2026-07-01T21:15:00Z') }).text).toContain('Figures as of 1 Jul 2026 22:15; complaints processed');
    expect(render({ ...summer, dataAsOf: new Date('2026-07-02T06:59:00Z') }).text).toContain('Figures as of 2 Jul 2026 00:00; complaints processed');
  });

  it('is also shown when only shared learning arrived', () => {
    const email = render({ items: [sampleItem({ complaintId: 's-1', shared: true })] });
    expect(email.text).toContain('Figures as of 23 Nov 2026 00:00');
  });

  it('shares its wording with the Ombudsman digest (one helper)', () => {
    expect(figuresAsOf(new Date('2026-12-07T07:58:00Z'), 'Europe/London')).toBe('Figures as of 7 Dec 2026 07:58');
    expect(figuresAsOf(new Date('2026-07-01T21:15:00Z'), 'Europe/London')).toBe('Figures as of 1 Jul 2026 22:15');
  });
});
