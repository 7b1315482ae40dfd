import type { ThemeId } from '../model/taxonomy';

/**
 * What the classifier computed about one theme of one complaint, before choosing: its
 * combined probability, the threshold it had to clear, whether it was chosen, the n-gram
 * model's own probability and whether a lexicon phrase (not denied) supported it.
 */
export interface ThemeSignal {
  id: ThemeId;
  probability: number;
  threshold: number;
  chosen: boolean;
  modelProbability: number;
  lexiconSupport: boolean;
}

/** A theme that just missed (or was cut for lack of evidence): offered to a reviewer, never assigned. */
export interface ThemeSuggestion {
  id: ThemeId;
  confidence: number;
}

/** A probability this close to its threshold, either side, counts as uncertain. */
export const UNCERTAIN_MARGIN = 0.2;
/** Below its threshold by at most this much, an unchosen theme is suggested to a reviewer. */
export const SUGGESTION_MARGIN = 0.15;
export const MAX_SUGGESTIONS = 3;
/** The lexicon and the n-gram model disagree about a theme when only one of them backs it. */
const MODEL_BACKS = 0.5;
/** Weights of the three reasons for doubt; they sum to 1, so the score is within 0..1. */
const WEIGHT_MARGIN = 0.5;
const WEIGHT_DISAGREEMENT = 0.3;
const WEIGHT_RARE = 0.2;
/** Themes where lexicon and model disagree, at which disagreement counts in full. */
const FULL_DISAGREEMENT = 2;

/**
 * How uncertain a complaint's labels are, 0 (sure) to 1: the review queue lists the highest
 * first. Three reasons, weighted:
 * - margin: the theme closest to its threshold (chosen or not), scaled over UNCERTAIN_MARGIN;
 * - disagreement: themes the lexicon backs and the model does not, or the other way round,
 *   among themes the classifier considered (chosen, or within UNCERTAIN_MARGIN below);
 * - rarity: a chosen theme that is rare in the training data (few examples to learn from).
 */
export function labelUncertainty(signals: readonly ThemeSignal[], rareThemes: ReadonlySet<ThemeId>): number {
  if (signals.length === 0) return 0;
  let closest = Infinity;
  let disagreements = 0;
  let rare = false;
  for (const s of signals) {
    const distance = Math.abs(s.probability - s.threshold);
    closest = Math.min(closest, distance);
    const considered = s.chosen || s.threshold - s.probability <= UNCERTAIN_MARGIN;
    if (considered && s.lexiconSupport !== s.modelProbability >= MODEL_BACKS) disagreements += 1;
    if (s.chosen && rareThemes.has(s.id)) rare = true;
  }
  const margin = Math.max(0, 1 - closest / UNCERTAIN_MARGIN);
  const disagreement = Math.min(1, disagreements / FULL_DISAGREEMENT);
  return round3(WEIGHT_MARGIN * margin + WEIGHT_DISAGREEMENT * disagreement + WEIGHT_RARE * (rare ? 1 : 0));
}

/**
 * Themes a reviewer should consider adding: not chosen, and either within SUGGESTION_MARGIN
 * below their threshold or over it but left out (no quotable evidence, or past the cap on
 * themes). Strongest first.
 */
export function themeSuggestions(signals: readonly ThemeSignal[], assigned: ReadonlySet<ThemeId>): ThemeSuggestion[] {
  return signals
    .filter((s) => !assigned.has(s.id) && s.threshold - s.probability <= SUGGESTION_MARGIN)
    .sort((a, b) => b.probability - a.probability || a.id.localeCompare(b.id))
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => ({ id: s.id, confidence: round3(s.probability) }));
}

/**
 * A theme is rare when it has fewer than this fraction of the median theme's examples: the
 * training set is roughly balanced, so rarity is judged against the other themes, not a
 * fixed share (with the shipped corpus: planning-environment and education-send).
 */
export const RARE_THEME_FACTOR = 0.6;

/** Themes with fewer than RARE_THEME_FACTOR × the median theme's examples (labels only are read). */
export function rareThemesOf(examples: ReadonlyArray<{ themes: readonly ThemeId[] }>, all: readonly ThemeId[]): Set<ThemeId> {
  const counts = new Map<ThemeId, number>(all.map((theme) => [theme, 0]));
  for (const example of examples) for (const theme of example.themes) if (counts.has(theme)) counts.set(theme, (counts.get(theme) as number) + 1);
  const sorted = [...counts.values()].sort((a, b) => a - b);
  if (sorted.length === 0) return new Set();
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return new Set(all.filter((theme) => (counts.get(theme) as number) < RARE_THEME_FACTOR * median));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
