/** The classifier model registry's rules: how candidates are scored and when one is promoted. Pure. */
export { scoreCases, type ScoredCase, type SetFigures, type ThemeFigure } from './theme-figures';
export { decidePromotion, describeFailure, EVALUATION_SETS, MAX_THEME_F1_DROP, type Evaluation, type EvaluationSet, type GateDecision, type GateFailure } from './promotion-gate';
export { isReviewHeldOut } from './review-split';
