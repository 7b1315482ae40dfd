export { validateReviewLabels, MAX_REVIEW_NOTE, type ReviewLabels, type ReviewFieldError } from './review-labels';
export {
  labelUncertainty,
  themeSuggestions,
  rareThemesOf,
  RARE_THEME_FACTOR,
  SUGGESTION_MARGIN,
  UNCERTAIN_MARGIN,
  MAX_SUGGESTIONS,
  type ThemeSignal,
  type ThemeSuggestion,
} from './uncertainty';
export { agreementRows, classifierAgreement, countAgreement, reviewedThemes, type AgreementCounts, type ThemeAgreement, type ReviewedPair } from './agreement';
export { effectiveClassification, type EffectiveClassification, type EffectiveTheme, type ReviewedLabels } from './effective-classification';
