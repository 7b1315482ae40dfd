import type { ThemeId } from '../model/taxonomy';
import { labelUncertainty, rareThemesOf, themeSuggestions, type ThemeSignal } from './uncertainty';

function signal(id: ThemeId, probability: number, threshold: number, chosen: boolean, modelProbability: number, lexiconSupport: boolean): ThemeSignal {
  return { id, probability, threshold, chosen, modelProbability, lexiconSupport };
}

const NONE: ReadonlySet<ThemeId> = new Set();

describe('labelUncertainty', () => {
  it('is 0 when every theme is far from its threshold and lexicon and model agree', () => {
    const signals = [signal('delay', 0.95, 0.5, true, 0.9, true), signal('housing', 0.05, 0.5, false, 0.1, false)];
    expect(labelUncertainty(signals, NONE)).toBe(0);
  });

  it('grows as the closest theme nears its threshold', () => {
    // Closest margin 0.05 of 0.2: 0.5 × (1 − 0.25) = 0.375.
    expect(labelUncertainty([signal('delay', 0.55, 0.5, true, 0.9, true)], NONE)).toBe(0.375);
    // Margin 0.1: 0.5 × 0.5 = 0.25.
    expect(labelUncertainty([signal('delay', 0.4, 0.5, false, 0.1, false)], NONE)).toBe(0.25);
  });

  it('adds disagreement between lexicon and model, and a rare chosen theme', () => {
    // delay: lexicon yes, model no (0.3) → 1 disagreement of 2 → 0.3 × 0.5 = 0.15; margin 0.45 → 0.
    const signals = [signal('delay', 0.95, 0.5, true, 0.3, true), signal('housing', 0.02, 0.5, false, 0.1, false)];
    expect(labelUncertainty(signals, NONE)).toBe(0.15);
    expect(labelUncertainty(signals, new Set<ThemeId>(['delay']))).toBe(0.35);
    // A rare theme not chosen does not count.
    expect(labelUncertainty(signals, new Set<ThemeId>(['housing']))).toBe(0.15);
  });

  it('is at most 1', () => {
    const signals = [signal('delay', 0.5, 0.5, true, 0.2, true), signal('diagnosis', 0.45, 0.5, false, 0.8, false)];
    expect(labelUncertainty(signals, new Set<ThemeId>(['delay']))).toBe(1);
  });
});

describe('themeSuggestions', () => {
  it('offers unchosen themes just below their threshold (or over it but left out), strongest first, at most three', () => {
    const signals = [
      signal('delay', 0.9, 0.5, true, 0.9, true),
      signal('communication', 0.4, 0.5, false, 0.4, false),
      signal('diagnosis', 0.3, 0.5, false, 0.3, false),
      signal('housing', 0.6, 0.5, false, 0.6, false),
      signal('medication', 0.44, 0.55, false, 0.4, false),
      signal('safeguarding', 0.36, 0.5, false, 0.4, false),
    ];
    expect(themeSuggestions(signals, new Set<ThemeId>(['delay']))).toEqual([
      { id: 'housing', confidence: 0.6 },
      { id: 'medication', confidence: 0.44 },
      { id: 'communication', confidence: 0.4 },
    ]);
  });
});

describe('rareThemesOf', () => {
  it('lists themes with fewer than 0.6 × the median theme count', () => {
    const examples = [
      ...Array.from({ length: 10 }, () => ({ themes: ['delay'] as ThemeId[] })),
      ...Array.from({ length: 10 }, () => ({ themes: ['housing', 'communication'] as ThemeId[] })),
      ...Array.from({ length: 6 }, () => ({ themes: ['diagnosis'] as ThemeId[] })),
      ...Array.from({ length: 5 }, () => ({ themes: ['medication'] as ThemeId[] })),
    ];
    // Counts 10, 10, 10, 6, 5: median 10, cut 6; only medication (5) is under it.
    expect(rareThemesOf(examples, ['delay', 'housing', 'communication', 'diagnosis', 'medication'])).toEqual(new Set(['medication']));
  });

  it('is empty for an empty taxonomy', () => {
    expect(rareThemesOf([], [])).toEqual(new Set());
  });
});
