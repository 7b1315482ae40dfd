import { THEME_IDS, type ThemeId } from '../model/taxonomy';

/** Per theme, what reviewers did with the model's label. */
export interface ThemeAgreement {
  theme: ThemeId;
  /** The model had it and the reviewer kept it. */
  confirmed: number;
  /** The reviewer added it; the model had not. */
  added: number;
  /** The model had it; the reviewer took it away. */
  removed: number;
  /** confirmed / (confirmed + removed): how often the model's label survives review; null with none to judge. */
  precision: number | null;
  /** confirmed / (confirmed + added): how much of what reviewers want the model finds; null with none to judge. */
  recall: number | null;
}

export interface ReviewedPair {
  modelThemes: readonly string[];
  themes: readonly string[];
}

export interface AgreementCounts {
  theme: string;
  confirmed: number;
  added: number;
  removed: number;
}

/** Counts, per theme, confirmations, additions and removals over reviews (what the SQL aggregate computes). */
export function countAgreement(reviews: Iterable<ReviewedPair>): AgreementCounts[] {
  const counts = new Map<string, AgreementCounts>();
  const of = (theme: string): AgreementCounts => {
    let c = counts.get(theme);
    if (!c) counts.set(theme, (c = { theme, confirmed: 0, added: 0, removed: 0 }));
    return c;
  };
  for (const review of reviews) {
    const model = new Set(review.modelThemes);
    const reviewed = new Set(review.themes);
    for (const theme of reviewed) of(theme)[model.has(theme) ? 'confirmed' : 'added'] += 1;
    for (const theme of model) if (!reviewed.has(theme)) of(theme).removed += 1;
  }
  return [...counts.values()];
}

/** One row per theme of the taxonomy (zeros where nothing was reviewed); unknown themes are ignored. */
export function agreementRows(counts: readonly AgreementCounts[]): ThemeAgreement[] {
  const byTheme = new Map(counts.map((c) => [c.theme, c]));
  return THEME_IDS.map((theme) => {
    const c = byTheme.get(theme) ?? { confirmed: 0, added: 0, removed: 0 };
    const { confirmed, added, removed } = c;
    return { theme, confirmed, added, removed, precision: ratio(confirmed, confirmed + removed), recall: ratio(confirmed, confirmed + added) };
  });
}

/** Per theme of the taxonomy, what reviewers did with the model's labels. */
export function classifierAgreement(reviews: Iterable<ReviewedPair>): ThemeAgreement[] {
  return agreementRows(countAgreement(reviews));
}

/** Agreement rows of themes that were reviewed at least once (what is worth showing in an email). */
export function reviewedThemes(rows: readonly ThemeAgreement[]): ThemeAgreement[] {
  return rows.filter((row) => row.confirmed + row.added + row.removed > 0);
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 1000;
}
