import type { ThemeId } from '../model/taxonomy';
import type { ThemeCountRow } from './aggregate-rows';
import { themeChanges, upheldRatesByTheme } from './ombudsman-summary';

/** One row of the `GET /v1/learning/themes` answer. */
export interface ThemeRow {
  theme: ThemeId;
  count: number;
  /** 0..1 over decided cases (open and withdrawn excluded); null when none were decided. */
  upheldRate: number | null;
  previousCount: number;
}

/**
 * The `rows` of `GET /v1/learning/themes`: every theme seen in either period, most
 * complaints first (ties: more previous complaints first, then theme id).
 */
export function themeRows(current: ThemeCountRow[], previous: ThemeCountRow[]): ThemeRow[] {
  const rates = new Map(upheldRatesByTheme(current).map((r) => [r.theme, r.upheldRate]));
  return themeChanges(current, previous).map((t) => ({
    theme: t.theme,
    count: t.count,
    upheldRate: rates.get(t.theme) ?? null,
    previousCount: t.previousCount,
  }));
}
