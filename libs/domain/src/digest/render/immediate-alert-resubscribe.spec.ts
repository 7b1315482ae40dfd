import type { DigestItem } from '../digest-types';
import { renderImmediateAlertEmail, RESUBSCRIBE_NOTE } from './immediate-alert-email';

const item: DigestItem = {
  complaintId: 'c-1',
  reference: 'NHT-3',
  serviceArea: 'Maternity',
  themes: ['clinical-care'],
  severity: 'serious',
  outcome: 'upheld',
  learningSummary: 'Fetal monitoring is now reviewed by a second midwife every hour.',
  shared: false,
  receivedAt: new Date('2026-11-20T09:30:00Z'),
};

describe('serious-case alert', () => {
  it('says that unsubscribing stops these alerts and how to be subscribed again, in both parts', () => {
    const email = renderImmediateAlertEmail({ unsubscribeUrl: 'https://learning.example.gov.uk/v1/unsubscribe?token=t', contactName: 'Sam', organisationName: 'Northshire', item });
    expect(RESUBSCRIBE_NOTE).toMatch(/subscribe you again/);
    expect(email.text.replace(/\s+/g, ' ')).toContain(RESUBSCRIBE_NOTE);
    expect(email.html.replace(/\s+/g, ' ')).toContain(RESUBSCRIBE_NOTE);
  });
});
