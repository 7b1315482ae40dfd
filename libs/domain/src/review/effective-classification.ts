import type { Classification, ThemeAssignment } from '../model/complaint';
import type { Severity, ThemeId } from '../model/taxonomy';

/** The labels a person gave a complaint (a stored review), as far as the labels in force need them. */
export interface ReviewedLabels {
  themes: readonly ThemeId[];
  severity: Severity;
}

/** A reviewed theme the model did not assign: no model confidence, no quoted evidence. */
export interface EffectiveTheme extends Omit<ThemeAssignment, 'confidence'> {
  confidence: number | null;
}

export interface EffectiveClassification extends Omit<Classification, 'themes' | 'signals'> {
  themes: EffectiveTheme[];
  source: 'model' | 'review';
  suggestions: NonNullable<Classification['suggestions']>;
}

/**
 * The labels in force: the review's when there is one, each theme keeping the model's
 * confidence and evidence where the model found it too; otherwise the model's. Suggestions
 * (themes that just missed) are the model's, minus those the review assigned.
 */
export function effectiveClassification(model: Classification | null, review: ReviewedLabels | null): EffectiveClassification | null {
  if (!model) return null;
  const suggestions = model.suggestions ?? [];
  const { signals: _signals, ...stored } = model;
  if (!review) return { ...stored, source: 'model', suggestions };
  const byId = new Map(model.themes.map((theme) => [theme.id, theme]));
  return {
    ...stored,
    themes: review.themes.map((id) => byId.get(id) ?? { id, confidence: null, evidence: [] }),
    severity: review.severity,
    source: 'review',
    suggestions: suggestions.filter((s) => !review.themes.includes(s.id)),
  };
}
