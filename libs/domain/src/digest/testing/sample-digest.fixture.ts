import type { BuildContactDigestInput, DigestItem } from '../digest-types';
import { digestPeriod } from '../period';

/*
 * A fixed, realistic input used by the unit tests and to produce docs/sample-digest.txt.
 * All content is invented; dates are fixed so the output never changes between runs.
 */

export const SAMPLE_AS_OF = new Date('2026-11-25T07:00:00Z');

export function sampleItem(overrides: Partial<DigestItem> & Pick<DigestItem, 'complaintId'>): DigestItem {
  return {
    serviceArea: 'Maternity',
    themes: ['communication'],
    severity: 'medium',
    outcome: 'upheld',
    learningSummary: 'Staff will confirm follow-up arrangements in writing before discharge.',
    shared: false,
    receivedAt: new Date('2026-11-10T10:00:00Z'),
    ...overrides,
  };
}

export function sampleDigestInput(): BuildContactDigestInput {
  return {
    contact: {
      id: 'c-1',
      name: 'Sam Patel',
      email: 'sam.patel@northshire.example',
      serviceAreas: ['Maternity', 'Emergency department'],
      themes: ['clinical-care', 'communication'],
    },
    organisation: { id: 'o-1', name: 'Northshire Hospitals NHS Trust' },
    period: digestPeriod('weekly', SAMPLE_AS_OF),
    previousThemeCounts: { communication: 1, delay: 3, 'clinical-care': 1 },
    previousTotal: 4,
    cap: 4,
    items: [
      sampleItem({
        complaintId: 'a1',
        reference: 'NHT-2026-0141',
        themes: ['clinical-care', 'communication'],
        severity: 'serious',
        outcome: 'upheld',
        learningSummary:
          'Observations were not escalated when a patient deteriorated overnight. The ward now audits early-warning scores at each handover.',
        receivedAt: new Date('2026-11-02T09:00:00Z'),
      }),
      sampleItem({
        complaintId: 'a2',
        reference: 'NHT-2026-0150',
        themes: ['communication'],
        severity: 'medium',
        outcome: 'partly-upheld',
        learningSummary: '=HYPERLINK("http://x") Families were not told about a change of consultant; the team now phones the next of kin.',
        receivedAt: new Date('2026-11-12T14:00:00Z'),
      }),
      sampleItem({
        complaintId: 'a3',
        reference: 'NHT-2026-0152',
        serviceArea: 'Emergency department',
        themes: ['delay', 'communication'],
        severity: 'high',
        outcome: 'not-upheld',
        learningSummary: 'Waiting times were explained on arrival, but screens showing the expected wait are being added.',
        receivedAt: new Date('2026-11-14T18:30:00Z'),
      }),
      sampleItem({
        complaintId: 'a4',
        reference: 'NHT-2026-0160',
        themes: ['communication'],
        severity: 'low',
        outcome: 'open',
        learningSummary: 'Letters will state a named contact.',
        receivedAt: new Date('2026-11-15T08:00:00Z'),
      }),
      sampleItem({
        complaintId: 'a5',
        reference: 'NHT-2026-0161',
        themes: ['clinical-care'],
        severity: 'low',
        outcome: 'resolved',
        learningSummary: 'Pain relief rounds are now recorded on the electronic chart.',
        receivedAt: new Date('2026-11-16T08:00:00Z'),
      }),
      sampleItem({
        complaintId: 's1',
        shared: true,
        reference: 'OTHER-BODY-REF-9',
        serviceArea: 'Maternity',
        themes: ['communication'],
        severity: 'high',
        outcome: 'upheld',
        sourceSector: 'health',
        learningSummary:
          'Upheld · Maternity · communication: the mother was discharged without being told about follow-up. Change: a single discharge checklist shared with community midwives.',
        receivedAt: new Date('2026-11-11T12:00:00Z'),
      }),
      sampleItem({
        complaintId: 's2',
        shared: true,
        sourceOrganisationName: 'Southvale University Hospitals',
        serviceArea: 'Outpatients',
        themes: ['record-keeping'],
        severity: 'medium',
        outcome: 'upheld',
        sourceSector: 'health',
        learningSummary: 'Upheld · Outpatients · record keeping: the clinic letter went to the wrong address. Change: clinic letters are now copied to patients as standard.',
        receivedAt: new Date('2026-11-13T12:00:00Z'),
      }),
    ],
  };
}

export const SAMPLE_RENDER_OPTIONS = {
  unsubscribeUrl: 'https://learning.example.gov.uk/unsubscribe?token=abc123&c=c-1',
  appName: 'Complaint learning',
};
