import type { ThemeThresholds } from '../runtime/theme-thresholds';

/** Candidate thresholds; below 0.1 a theme is noise, above 0.8 it is never reported. */
const GRID: readonly number[] = Array.from({ length: 36 }, (_, k) => 0.1 + 0.02 * k);
/**
 * A theme's own best threshold is pulled towards the shared one by its number of positives:
 * with PRIOR_STRENGTH positives it is half-way. A theme with 30 examples cannot fix its
 * threshold alone, and the shared one is what keeps the label count right.
 */
const PRIOR_STRENGTH = 40;
/** Coordinate-ascent passes over the themes after the shared threshold is chosen. */
const PASSES = 2;

/** tp, fp, fn of one theme at every grid threshold: [3 * g + 0..2]. */
function tallies(t: number, probabilities: readonly Float64Array[], labels: readonly Uint8Array[]): Int32Array {
  const out = new Int32Array(GRID.length * 3);
  probabilities.forEach((p, i) => {
    const gold = labels[i][t] === 1;
    for (let g = 0; g < GRID.length; g += 1) {
      const chosen = p[t] >= GRID[g];
      if (chosen && gold) out[3 * g] += 1;
      else if (chosen) out[3 * g + 1] += 1;
      else if (gold) out[3 * g + 2] += 1;
    }
  });
  return out;
}

const f1 = (tp: number, fp: number, fn: number): number => (2 * tp) / (2 * tp + fp + fn || 1);

/**
 * Per-theme thresholds that maximise micro-F1 on out-of-fold probabilities: a shared
 * threshold first, then each theme's own by coordinate ascent on the micro-F1 of all themes
 * together, shrunk towards the shared one. Linear in examples × themes × grid, so it runs
 * inside every training (the cap and fallback of selectThemes bind rarely and are ignored).
 */
export function calibrateThresholds(probabilities: readonly Float64Array[], labels: readonly Uint8Array[]): ThemeThresholds {
  const themes = labels[0]?.length ?? 0;
  const perThemeTallies = Array.from({ length: themes }, (_, t) => tallies(t, probabilities, labels));
  const positives = Array.from({ length: themes }, (_, t) => labels.reduce((n, y) => n + y[t], 0));

  let shared = 0;
  let best = -1;
  for (let g = 0; g < GRID.length; g += 1) {
    let [tp, fp, fn] = [0, 0, 0];
    for (const c of perThemeTallies) [tp, fp, fn] = [tp + c[3 * g], fp + c[3 * g + 1], fn + c[3 * g + 2]];
    if (f1(tp, fp, fn) > best + 1e-9) [best, shared] = [f1(tp, fp, fn), g];
  }
  const index = new Int32Array(themes).fill(shared);
  for (let pass = 0; pass < PASSES; pass += 1) {
    for (let t = 0; t < themes; t += 1) index[t] = bestIndexFor(t, perThemeTallies, index);
  }
  const perTheme = Float64Array.from(index, (g, t) => {
    const weight = positives[t] / (positives[t] + PRIOR_STRENGTH);
    return Math.round((weight * GRID[g] + (1 - weight) * GRID[shared]) * 100) / 100;
  });
  return { perTheme };
}

function bestIndexFor(t: number, perThemeTallies: readonly Int32Array[], index: Int32Array): number {
  let [tp, fp, fn] = [0, 0, 0];
  perThemeTallies.forEach((c, u) => {
    if (u !== t) [tp, fp, fn] = [tp + c[3 * index[u]], fp + c[3 * index[u] + 1], fn + c[3 * index[u] + 2]];
  });
  const own = perThemeTallies[t];
  let best = -1;
  let chosen = index[t];
  for (let g = 0; g < GRID.length; g += 1) {
    const value = f1(tp + own[3 * g], fp + own[3 * g + 1], fn + own[3 * g + 2]);
    if (value > best + 1e-9) [best, chosen] = [value, g];
  }
  return chosen;
}
