/**
 * Which themes to report (since `clf-1.5.0`): every theme whose probability clears its own
 * threshold, at most MAX_THEMES of them, strongest first.
 *
 * Real complaints raise three or so things at once, so the old rule (the top theme plus at
 * most two secondaries) could never report what a real case is about. Each theme's threshold
 * is calibrated by cross-validation on out-of-fold probabilities (see
 * `training/calibrate-thresholds.ts`), so a theme the model is unsure of needs less evidence
 * and a noisy one more, and the number of themes reported follows the number labelled.
 */
export interface ThemeThresholds {
  /** Indexed like THEME_IDS. */
  readonly perTheme: Float64Array;
}

/** More than this is a list, not a judgement: nobody reads a sixth theme. */
export const MAX_THEMES = 5;
/** The top theme is reported only if at least this likely: a text about nothing gets no theme. */
export const FALLBACK_THRESHOLD = 0.3;

/** Themes in descending order of probability (ties by index: deterministic). */
export function rankThemes(probability: Float64Array): number[] {
  return Array.from(probability, (_, t) => t).sort((a, b) => probability[b] - probability[a] || a - b);
}

/** Indices of the themes to report, strongest first. */
export function selectThemes(thresholds: ThemeThresholds, probability: Float64Array): number[] {
  const ranked = rankThemes(probability);
  const chosen = ranked.filter((t) => probability[t] >= thresholds.perTheme[t]).slice(0, MAX_THEMES);
  if (chosen.length > 0) return chosen;
  return probability[ranked[0]] >= FALLBACK_THRESHOLD ? [ranked[0]] : [];
}
