import { scoreCases } from './theme-figures';
import { isReviewHeldOut } from './review-split';

describe('scoreCases', () => {
  it('counts micro- and macro-F1 over the themes with support', () => {
    const figures = scoreCases([
      { gold: ['delay', 'communication'], predicted: ['delay'], goldSeverity: 'low', predictedSeverity: 'low' },
      { gold: ['delay'], predicted: ['delay', 'housing'], goldSeverity: 'high', predictedSeverity: 'medium' },
    ]);
    // tp 2, fp 1, fn 1 → micro P = R = 2/3.
    expect(figures.microF1).toBeCloseTo(0.6667, 4);
    expect(figures.perTheme).toEqual({
      delay: { f1: 1, precision: 1, recall: 1, support: 2 },
      communication: { f1: 0, precision: 0, recall: 0, support: 1 },
    });
    expect(figures.macroF1).toBe(0.5);
    expect(figures.severityExact).toBe(0.5);
    expect(figures.n).toBe(2);
  });

  it('gives zeros for an empty set', () => {
    expect(scoreCases([])).toEqual({ n: 0, microF1: 0, macroF1: 0, severityExact: 0, perTheme: {} });
  });
});

describe('isReviewHeldOut', () => {
  it('holds out about one in five, the same way every time and whatever the case of the id', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const held = ids.filter(isReviewHeldOut);
    expect(held.length).toBeGreaterThan(150);
    expect(held.length).toBeLessThan(250);
    expect(ids.filter(isReviewHeldOut)).toEqual(held);
    expect(isReviewHeldOut(held[0].toUpperCase())).toBe(true);
  });
});
