import { selectThemes, MAX_THEMES } from '../runtime/theme-thresholds';
import { calibrateThresholds } from './calibrate-thresholds';

const row = (...p: number[]): Float64Array => Float64Array.from(p);
const gold = (...y: number[]): Uint8Array => Uint8Array.from(y);

describe('per-theme thresholds', () => {
  // Theme 0 is present whenever its score is above 0.3; theme 1 only above 0.7. One shared
  // threshold cannot serve both; per-theme calibration must find each (with 1,000 examples
  // the pull towards the shared threshold is small).
  const probabilities: Float64Array[] = [];
  const labels: Uint8Array[] = [];
  for (let k = 0; k < 1000; k += 1) {
    const a = (k % 20) / 20 + 0.025;
    const b = ((k * 7) % 20) / 20 + 0.025;
    probabilities.push(row(a, b, 0.05));
    labels.push(gold(a > 0.3 ? 1 : 0, b > 0.7 ? 1 : 0, 0));
  }

  it('calibrates a low threshold for a theme the model under-scores and a high one for a noisy theme', () => {
    const { perTheme } = calibrateThresholds(probabilities, labels);
    expect(perTheme[0]).toBeLessThan(0.45);
    expect(perTheme[1]).toBeGreaterThan(0.55);
  });

  it('reports every theme over its threshold, strongest first, at most MAX_THEMES', () => {
    const thresholds = { perTheme: Float64Array.from({ length: 8 }, () => 0.5) };
    expect(selectThemes(thresholds, row(0.6, 0.9, 0.1, 0.55, 0.2, 0.1, 0.1, 0.1))).toEqual([1, 0, 3]);
    expect(selectThemes(thresholds, row(0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9))).toHaveLength(MAX_THEMES);
  });

  it('falls back to the top theme only when it is at least plausible', () => {
    const thresholds = { perTheme: Float64Array.from({ length: 3 }, () => 0.8) };
    expect(selectThemes(thresholds, row(0.2, 0.35, 0.1))).toEqual([1]);
    expect(selectThemes(thresholds, row(0.2, 0.25, 0.1))).toEqual([]);
  });
});
