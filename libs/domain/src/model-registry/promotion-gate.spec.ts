import { decidePromotion, type Evaluation } from './promotion-gate';
import type { SetFigures } from './theme-figures';

const set = (microF1: number, themes: Record<string, number>, n = 100): SetFigures => ({
  n,
  microF1,
  macroF1: 0,
  severityExact: 0,
  perTheme: Object.fromEntries(Object.entries(themes).map(([id, f1]) => [id, { f1, precision: f1, recall: f1, support: 10 }])),
});

const active: Evaluation = {
  heldOut: set(0.75, { delay: 0.7, communication: 0.65 }),
  independent: set(0.737, { delay: 0.67, housing: 0.951 }),
  reviews: set(0.6, { delay: 0.5 }),
};

describe('decidePromotion', () => {
  it('promotes a candidate that is no worse anywhere', () => {
    const decision = decidePromotion(active, {
      heldOut: set(0.75, { delay: 0.69, communication: 0.66 }),
      independent: set(0.74, { delay: 0.67, housing: 0.94 }),
      reviews: set(0.7, { delay: 0.6 }),
    });
    expect(decision).toEqual({ promote: true, failures: [], reason: 'no set or theme fell' });
  });

  it('refuses when micro-F1 falls on one set, naming the set and the change', () => {
    const decision = decidePromotion(active, { ...active, independent: set(0.736, { delay: 0.67, housing: 0.951 }) });
    expect(decision.promote).toBe(false);
    expect(decision.failures).toEqual([{ set: 'independent', active: 0.737, candidate: 0.736, change: expect.closeTo(-0.001, 6) }]);
    expect(decision.reason).toBe('independent: micro-F1 0.737 → 0.736 (-0.0010)');
  });

  it('refuses when one theme falls by more than 0.02, even if micro-F1 rises', () => {
    const decision = decidePromotion(active, { ...active, heldOut: set(0.8, { delay: 0.679, communication: 0.7 }) });
    expect(decision.promote).toBe(false);
    expect(decision.reason).toBe('heldOut: delay F1 0.700 → 0.679 (-0.0210)');
  });

  it('allows a theme to fall by exactly 0.02', () => {
    expect(decidePromotion(active, { ...active, heldOut: set(0.75, { delay: 0.68, communication: 0.65 }) }).promote).toBe(true);
  });

  it('counts a theme the candidate no longer scores at all as F1 0', () => {
    const decision = decidePromotion(active, { ...active, reviews: set(0.6, {}) });
    expect(decision.reason).toBe('reviews: delay F1 0.500 → 0.000 (-0.5000)');
  });

  it('skips a set with no cases (no reviews held out yet)', () => {
    const empty = set(0, {}, 0);
    expect(decidePromotion({ ...active, reviews: empty }, { ...active, reviews: empty }).promote).toBe(true);
  });

  it('lists every failure across the sets', () => {
    const decision = decidePromotion(active, {
      heldOut: set(0.74, { delay: 0.7, communication: 0.6 }),
      independent: active.independent,
      reviews: set(0.59, { delay: 0.5 }),
    });
    expect(decision.failures.map((f) => `${f.set}/${f.theme ?? 'micro'}`)).toEqual(['heldOut/micro', 'heldOut/communication', 'reviews/micro']);
  });
});
