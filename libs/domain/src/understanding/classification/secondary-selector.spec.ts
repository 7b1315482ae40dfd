import { THEME_IDS, type ThemeId } from '../../model/taxonomy';
import { fitSecondarySelector, selectThemes, type SelectionInput } from './secondary-selector';

const T = (id: ThemeId): number => THEME_IDS.indexOf(id);

function input(scores: Partial<Record<ThemeId, number>>, words = 20): SelectionInput {
  const probability = new Float64Array(THEME_IDS.length).fill(0.02);
  for (const [id, p] of Object.entries(scores)) probability[T(id as ThemeId)] = p;
  const zero = new Float64Array(THEME_IDS.length);
  return { probability, topic: zero, problem: zero, denied: zero, words };
}

function labels(...ids: ThemeId[]): Uint8Array {
  const y = new Uint8Array(THEME_IDS.length);
  for (const id of ids) y[T(id)] = 1;
  return y;
}

describe('secondary selector', () => {
  // The same scores, but "delay" is a real second theme next to a benefit complaint and
  // never next to a diagnosis complaint: the selector must learn the pair, not the score.
  const inputs: SelectionInput[] = [];
  const gold: Uint8Array[] = [];
  for (let k = 0; k < 40; k += 1) {
    const second = 0.55 + 0.01 * (k % 10);
    inputs.push(input({ 'benefits-tax': 0.95, delay: second }, 10 + k));
    gold.push(labels('benefits-tax', 'delay'));
    inputs.push(input({ diagnosis: 0.95, delay: second }, 10 + k));
    gold.push(labels('diagnosis'));
  }
  const selector = fitSecondarySelector(inputs, gold);

  it('learns which secondary themes go with which top theme', () => {
    expect(selectThemes(selector, input({ 'benefits-tax': 0.95, delay: 0.6 })).map((t) => THEME_IDS[t])).toEqual(['benefits-tax', 'delay']);
    expect(selectThemes(selector, input({ diagnosis: 0.95, delay: 0.6 })).map((t) => THEME_IDS[t])).toEqual(['diagnosis']);
  });

  it('reports nothing when no theme is likely, and at most three themes', () => {
    expect(selectThemes(selector, input({}))).toEqual([]);
    expect(selectThemes(selector, input({ housing: 0.9, delay: 0.9, communication: 0.9, 'policy-decision': 0.9 })).length).toBeLessThanOrEqual(3);
  });

  it('fits deterministically', () => {
    const again = fitSecondarySelector(inputs, gold);
    expect(Array.from(again.weights)).toEqual(Array.from(selector.weights));
    expect(again.threshold).toBe(selector.threshold);
  });
});
