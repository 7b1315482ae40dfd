import { THEME_IDS, type ThemeId } from '../model/taxonomy';

/** One labelled case as the evaluation sees it: the gold themes and what a model predicted. */
export interface ScoredCase {
  readonly gold: readonly ThemeId[];
  readonly predicted: readonly ThemeId[];
  readonly goldSeverity?: string;
  readonly predictedSeverity?: string;
}

export interface ThemeFigure {
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  /** Cases whose gold labels hold the theme. */
  readonly support: number;
}

/** A model's figures on one evaluation set. */
export interface SetFigures {
  readonly n: number;
  readonly microF1: number;
  readonly macroF1: number;
  readonly severityExact: number;
  /** Only themes with gold support in the set: an F1 without positives says nothing. */
  readonly perTheme: Partial<Record<ThemeId, ThemeFigure>>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const harmonic = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Micro- and macro-F1, per-theme precision/recall/F1 and severity accuracy, as `npm run eval` counts them. */
export function scoreCases(cases: readonly ScoredCase[]): SetFigures {
  const counts = new Map<ThemeId, { tp: number; fp: number; fn: number; support: number }>(THEME_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  let severityRight = 0;
  for (const c of cases) {
    const gold = new Set(c.gold);
    const predicted = new Set(c.predicted);
    for (const [id, k] of counts) {
      if (gold.has(id)) k.support += 1;
      if (gold.has(id) && predicted.has(id)) k.tp += 1;
      else if (predicted.has(id)) k.fp += 1;
      else if (gold.has(id)) k.fn += 1;
    }
    if (c.goldSeverity !== undefined && c.goldSeverity === c.predictedSeverity) severityRight += 1;
  }
  let [tp, fp, fn, macroSum, themes] = [0, 0, 0, 0, 0];
  const perTheme: Partial<Record<ThemeId, ThemeFigure>> = {};
  for (const [id, k] of counts) {
    [tp, fp, fn] = [tp + k.tp, fp + k.fp, fn + k.fn];
    if (k.support === 0) continue;
    const precision = ratio(k.tp, k.tp + k.fp);
    const recall = ratio(k.tp, k.tp + k.fn);
    const f1 = harmonic(precision, recall);
    perTheme[id] = { f1, precision, recall, support: k.support };
    macroSum += f1;
    themes += 1;
  }
  return {
    n: cases.length,
    microF1: harmonic(ratio(tp, tp + fp), ratio(tp, tp + fn)),
    macroF1: ratio(macroSum, themes),
    severityExact: ratio(severityRight, cases.length),
    perTheme,
  };
}
