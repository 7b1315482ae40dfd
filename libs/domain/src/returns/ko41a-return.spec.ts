import type { ThemeId } from '../model/taxonomy';
import { financialYear } from './financial-year';
import { THEME_TO_KO41A, ko41aSubjectsFor } from './ko41a-mapping';
import { buildKo41aReturn, ko41aCsv } from './ko41a-return';
import type { ReturnComplaintRow } from './return-rows';

const organisation = { id: 'org-1', name: 'Riverside NHS Trust', sector: 'health' as const };
const row = (serviceArea: string, themes: ThemeId[], outcome: ReturnComplaintRow['outcome']): ReturnComplaintRow => ({
  organisationId: 'org-1',
  serviceArea,
  themes,
  outcome,
  remedies: [],
});

/** A hand-made year; the expected return below was worked out by hand from the counting rules. */
const YEAR = [
  row('Maternity', ['clinical-care', 'diagnosis', 'communication'], 'upheld'), // clinical treatment (once), communications
  row('maternity ', ['medication'], 'partly-upheld'), // prescribing; same service area as above
  row('A&E', ['housing', 'safeguarding'], 'not-upheld'), // other (once, though two themes map there)
  row('A&E', [], 'resolved'), // no theme: other
  row('Outpatients', ['delay', 'staff-attitude', 'communication'], 'withdrawn'), // waiting times, values and behaviours, communications
  row('Outpatients', ['discharge-transfer', 'social-care'], 'open'), // admissions and discharges, integrated care
];

describe('KO41a return', () => {
  const result = buildKo41aReturn({ organisation, year: financialYear(2025), complaints: YEAR, dataAsOf: '2026-12-04T10:00:00.000Z', arrivedAfterPeriod: 2 });

  it('counts each complaint once in the total', () => {
    expect(result.totalNewComplaints).toBe(6);
    expect(result).toMatchObject({ financialYear: '2025-26', from: '2025-04-01', to: '2026-04-01', arrivedAfterPeriod: 2 });
  });

  it('counts a complaint once under every subject it touches', () => {
    const nonZero = Object.fromEntries(result.subjects.filter((s) => s.count > 0).map((s) => [s.code, s.count]));
    expect(nonZero).toEqual({
      'admissions-discharges': 1,
      'clinical-treatment': 1,
      communications: 2,
      'integrated-care': 1,
      prescribing: 1,
      'values-behaviours': 1,
      'waiting-times': 1,
      other: 2,
    });
    expect(result.subjectTotal).toBe(10);
    expect(result.subjects).toHaveLength(19); // every KO41a subject, zeros included
  });

  it('gives KO41a outcomes, keeping our other outcomes apart', () => {
    expect(result.outcomes).toEqual({ upheld: 1, partiallyUpheld: 1, notUpheld: 1, resolvedWithFinding: 3, resolvedWithoutFinding: 1, withdrawn: 1, open: 1 });
  });

  it('groups service areas that differ only in case and spacing', () => {
    expect(result.serviceAreas).toEqual([
      { serviceArea: 'A&E', count: 2 },
      { serviceArea: 'Maternity', count: 2 },
      { serviceArea: 'Outpatients', count: 2 },
    ]);
  });

  it('writes the long-format CSV', () => {
    const lines = ko41aCsv([result]).split('\r\n');
    expect(lines[0]).toBe('organisation_id,organisation_name,financial_year,section,code,item,count');
    expect(lines[1]).toBe('org-1,Riverside NHS Trust,2025-26,summary,total-new,Total new complaints,6');
    expect(lines).toContain('org-1,Riverside NHS Trust,2025-26,subject,communications,Communications,2');
    expect(lines).toContain('org-1,Riverside NHS Trust,2025-26,subject,privacy-dignity-wellbeing,"Privacy, dignity and wellbeing",0');
    expect(lines).toContain('org-1,Riverside NHS Trust,2025-26,outcome,partiallyUpheld,Partially upheld,1');
  });
});

describe('theme → KO41a subject mapping', () => {
  it('maps every theme, and only to known subjects', () => {
    expect(Object.keys(THEME_TO_KO41A)).toHaveLength(20);
    expect(THEME_TO_KO41A).toMatchObject({ medication: 'prescribing', 'staff-attitude': 'values-behaviours', housing: 'other', delay: 'waiting-times' });
  });

  it('records a complaint under "other" when nothing maps, and each subject once', () => {
    expect(ko41aSubjectsFor([])).toEqual(['other']);
    expect(ko41aSubjectsFor(['clinical-care', 'diagnosis'])).toEqual(['clinical-treatment']);
    expect(ko41aSubjectsFor(['benefits-tax', 'communication'])).toEqual(['communications', 'other']);
  });
});
