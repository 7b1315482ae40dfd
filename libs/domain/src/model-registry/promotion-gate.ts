import { THEME_IDS, type ThemeId } from '../model/taxonomy';
import type { SetFigures } from './theme-figures';

/** The three sets a candidate is judged on (docs/classifier.md §6). */
export const EVALUATION_SETS = ['heldOut', 'independent', 'reviews'] as const;
export type EvaluationSet = (typeof EVALUATION_SETS)[number];
export type Evaluation = Record<EvaluationSet, SetFigures>;

/** The most any one theme's F1 may fall on any set for a candidate to be promoted. */
export const MAX_THEME_F1_DROP = 0.02;
/** Figures are sums of ratios: differences below this are arithmetic noise, not a change. */
const EPSILON = 1e-9;

export interface GateFailure {
  readonly set: EvaluationSet;
  /** Absent when the set's micro-F1 fell. */
  readonly theme?: ThemeId;
  readonly active: number;
  readonly candidate: number;
  /** candidate − active (negative). */
  readonly change: number;
}

export interface GateDecision {
  readonly promote: boolean;
  readonly failures: readonly GateFailure[];
  /** One line a person can read: why it was or was not promoted. */
  readonly reason: string;
}

/**
 * Promote only if, on every set, micro-F1 is not lower than the active model's and no theme's
 * F1 falls by more than MAX_THEME_F1_DROP. A set with no cases (no reviews yet) holds no
 * evidence either way and is skipped; a theme without gold support in a set is not compared.
 */
export function decidePromotion(active: Evaluation, candidate: Evaluation): GateDecision {
  const failures: GateFailure[] = [];
  for (const set of EVALUATION_SETS) {
    const a = active[set];
    const c = candidate[set];
    if (a.n === 0 || c.n === 0) continue;
    if (c.microF1 < a.microF1 - EPSILON) failures.push({ set, active: a.microF1, candidate: c.microF1, change: c.microF1 - a.microF1 });
    for (const theme of THEME_IDS) {
      const before = a.perTheme[theme];
      if (before === undefined) continue;
      const after = c.perTheme[theme]?.f1 ?? 0;
      if (before.f1 - after > MAX_THEME_F1_DROP + EPSILON) failures.push({ set, theme, active: before.f1, candidate: after, change: after - before.f1 });
    }
  }
  return { promote: failures.length === 0, failures, reason: failures.length === 0 ? 'no set or theme fell' : failures.map(describeFailure).join('; ') };
}

export function describeFailure(failure: GateFailure): string {
  const what = failure.theme === undefined ? 'micro-F1' : `${failure.theme} F1`;
  // Four decimals for the change: a fall of 0.0207 must not read as the allowed 0.020.
  return `${failure.set}: ${what} ${failure.active.toFixed(3)} → ${failure.candidate.toFixed(3)} (${failure.change.toFixed(4)})`;
}
