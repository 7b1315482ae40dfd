import { buildContactDigest } from './build-contact-digest';
import type { DigestItem } from './digest-types';
import { renderContactDigestEmail } from './render/contact-digest-email';
import { renderImmediateAlertEmail } from './render/immediate-alert-email';
import { SAMPLE_RENDER_OPTIONS, sampleDigestInput } from './testing/sample-digest.fixture';

const SUMMARY_TEXT = 'the mother was discharged without being told about follow-up';
const CHANGE_TEXT = 'a single discharge checklist shared with community midwives';

const sharedItem: DigestItem = {
  complaintId: 'x1',
  serviceArea: 'Ward 7 (Sister Morris)',
  themes: ['communication'],
  severity: 'serious',
  outcome: 'upheld',
  learningSummary: `Upheld · Ward 7 · communication: ${SUMMARY_TEXT}. Change: ${CHANGE_TEXT}.`,
  shared: true,
  sourceSector: 'health',
  receivedAt: new Date('2026-11-11T12:00:00Z'),
};

function digestText(sharing?: { shareSummaries: boolean; recipientIsOmbudsman: boolean }): string {
  const input = { ...sampleDigestInput(), items: [sharedItem], sharing };
  const digest = buildContactDigest(input);
  if (!digest) throw new Error('no digest');
  const email = renderContactDigestEmail(digest, SAMPLE_RENDER_OPTIONS);
  return `${email.subject}\n${email.text}\n${email.html}`;
}

function alertText(sharing?: { shareSummaries: boolean; recipientIsOmbudsman: boolean }): string {
  const email = renderImmediateAlertEmail({ ...SAMPLE_RENDER_OPTIONS, contactName: 'A', organisationName: 'Other Trust', item: sharedItem, sharing });
  return `${email.subject}\n${email.text}\n${email.html}`;
}

describe('learning shared with other bodies', () => {
  it.each([
    ['digest', digestText],
    ['immediate alert', alertText],
  ])('%s: by default gives themes, sector and what changed, not the summary or the service area', (_kind, render) => {
    const text = render();
    expect(text).toContain('Communication');
    expect(text).toContain('Sector: Health');
    expect(text).toContain(CHANGE_TEXT);
    expect(text).not.toContain(SUMMARY_TEXT);
    expect(text).not.toContain('Sister Morris');
  });

  it.each([
    ['digest', digestText],
    ['immediate alert', alertText],
  ])('%s: includes the summary when SHARE_SUMMARIES_ACROSS_BODIES is on, or for the Ombudsman', (_kind, render) => {
    for (const sharing of [
      { shareSummaries: true, recipientIsOmbudsman: false },
      { shareSummaries: false, recipientIsOmbudsman: true },
    ]) {
      const text = render(sharing);
      expect(text).toContain(SUMMARY_TEXT);
      expect(text).toContain('Sector: Health');
    }
  });
});
