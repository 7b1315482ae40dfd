import { classifierAgreement, reviewedThemes } from './agreement';

describe('classifierAgreement', () => {
  it('counts confirmations, additions and removals per theme', () => {
    const rows = classifierAgreement([
      { modelThemes: ['delay', 'communication'], themes: ['delay', 'safeguarding'] },
      { modelThemes: ['delay'], themes: ['delay'] },
      { modelThemes: ['communication'], themes: [] },
    ]);
    expect(rows).toHaveLength(20);
    expect(reviewedThemes(rows)).toEqual([
      { theme: 'communication', confirmed: 0, added: 0, removed: 2, precision: 0, recall: null },
      { theme: 'delay', confirmed: 2, added: 0, removed: 0, precision: 1, recall: 1 },
      { theme: 'safeguarding', confirmed: 0, added: 1, removed: 0, precision: null, recall: 0 },
    ]);
  });
});
