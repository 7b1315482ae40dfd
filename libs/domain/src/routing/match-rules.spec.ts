import { matchingRules, ruleMatches } from './match-rules';
import { facts, rule } from './test-fixtures';

describe('ruleMatches', () => {
  it('matches anything with an empty match or empty lists', () => {
    expect(ruleMatches({}, facts())).toBe(true);
    expect(ruleMatches({ themes: [], sectors: [], serviceAreas: [], organisationIds: [], outcomes: [] }, facts())).toBe(true);
  });

  it('matches themes on any overlap', () => {
    expect(ruleMatches({ themes: ['communication', 'housing'] }, facts())).toBe(true);
    expect(ruleMatches({ themes: ['housing'] }, facts())).toBe(false);
    expect(ruleMatches({ themes: ['housing'] }, facts({ themes: [] }))).toBe(false);
  });

  it('matches a minimum severity at or above it', () => {
    expect(ruleMatches({ minSeverity: 'serious' }, facts({ severity: 'serious' }))).toBe(true);
    expect(ruleMatches({ minSeverity: 'high' }, facts({ severity: 'serious' }))).toBe(true);
    expect(ruleMatches({ minSeverity: 'serious' }, facts({ severity: 'high' }))).toBe(false);
  });

  it('matches service areas trimmed and case-insensitively', () => {
    expect(ruleMatches({ serviceAreas: ['  maternity '] }, facts({ serviceArea: 'MATERNITY' }))).toBe(true);
    expect(ruleMatches({ serviceAreas: ['Maternity'] }, facts({ serviceArea: 'Maternity services' }))).toBe(false);
  });

  it('matches sector, submitting organisation and outcome', () => {
    expect(ruleMatches({ sectors: ['health'] }, facts())).toBe(true);
    expect(ruleMatches({ sectors: ['local-government'] }, facts())).toBe(false);
    expect(ruleMatches({ organisationIds: ['trust-a'] }, facts())).toBe(true);
    expect(ruleMatches({ organisationIds: ['trust-b'] }, facts())).toBe(false);
    expect(ruleMatches({ outcomes: ['upheld', 'partly-upheld'] }, facts({ outcome: 'partly-upheld' }))).toBe(true);
    expect(ruleMatches({ outcomes: ['upheld', 'partly-upheld'] }, facts({ outcome: 'not-upheld' }))).toBe(false);
  });

  it('requires every constrained field to match', () => {
    const match = { themes: ['clinical-care' as const], minSeverity: 'high' as const, outcomes: ['upheld' as const] };
    expect(ruleMatches(match, facts({ severity: 'high' }))).toBe(true);
    expect(ruleMatches(match, facts({ severity: 'low' }))).toBe(false);
  });
});

describe('matchingRules', () => {
  it('returns enabled matching rules in their given order', () => {
    const rules = [
      rule({ id: 'b', match: { themes: ['clinical-care'] } }),
      rule({ id: 'off', enabled: false }),
      rule({ id: 'no', match: { outcomes: ['withdrawn'] } }),
      rule({ id: 'a' }),
    ];
    expect(matchingRules(rules, facts()).map((r) => r.id)).toEqual(['b', 'a']);
  });
});
