import type { ThemeId } from '../model/taxonomy';
import { buildCouncilReturn, councilCategoryFor, councilCsv } from './council-return';
import { financialYear } from './financial-year';
import type { ReturnComplaintRow } from './return-rows';

const row = (serviceArea: string, themes: ThemeId[], outcome: ReturnComplaintRow['outcome'], remedies: ReturnComplaintRow['remedies'] = []): ReturnComplaintRow => ({
  organisationId: 'c1',
  serviceArea,
  themes,
  outcome,
  remedies,
});

describe('council return (LGSCO review-letter figures)', () => {
  const result = buildCouncilReturn({
    organisation: { id: 'c1', name: 'Eastborough Council', sector: 'local-government' },
    year: financialYear(2025),
    dataAsOf: '2026-12-04T10:00:00.000Z',
    arrivedAfterPeriod: 0,
    complaints: [
      row('Housing repairs', ['housing', 'delay'], 'upheld', ['apology', 'financial']),
      row('Housing', ['housing'], 'partly-upheld', []),
      row('Waste collection', ['planning-environment'], 'not-upheld'),
      row('Council tax', ['benefits-tax'], 'upheld', ['service-change']),
      row('Customer services', ['communication'], 'open'),
      row('Customer services', ['communication'], 'withdrawn'),
    ],
  });

  it('counts complaints, decisions and the upheld rate of decisions', () => {
    expect(result).toMatchObject({ complaints: 6, decisions: 4, upheld: 3, notUpheld: 1, upheldRate: 0.75, withdrawn: 1, open: 1 });
  });

  it('counts remedies and service improvements', () => {
    expect(result).toMatchObject({ upheldWithRemedy: 2, remedyRate: 0.667, serviceImprovements: 1 });
    expect(result.remedies).toEqual([
      { remedy: 'apology', count: 1 },
      { remedy: 'financial', count: 1 },
      { remedy: 'service-change', count: 1 },
    ]);
  });

  it('puts each complaint under one LGSCO category', () => {
    expect(result.byCategory.map((c) => [c.category, c.complaints, c.upheld])).toEqual([
      ['Benefits and tax', 1, 1],
      ['Environment services', 1, 0],
      ['Housing', 2, 2],
      ['Corporate and other services', 2, 0],
    ]);
    expect(councilCategoryFor({ serviceArea: 'Adult social care', themes: [] })).toBe('Adult care services');
    expect(councilCategoryFor({ serviceArea: 'Front desk', themes: ['communication', 'education-send'] })).toBe("Education and children's services");
  });

  it('writes CSV with neutralised names', () => {
    const csv = councilCsv([{ ...result, organisation: { ...result.organisation, name: '=1+1' } }]);
    expect(csv.split('\r\n')[1]).toBe("c1,'=1+1,2025-26,total,All complaints,6,4,3,0.75");
  });
});
