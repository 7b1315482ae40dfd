export type { ComplaintCountRow, LearningAggregates, RemedyCountRow, ThemeCountRow } from './aggregate-rows';
export { compareCounts, isDecided, toCount, upholdRate } from './counts';
export type { Change, CountLike, Direction, UpholdTally } from './counts';
export { buildOmbudsmanSummary, risingThemes, themeChanges, upheldRatesByTheme } from './ombudsman-summary';
export type {
  OmbudsmanSummary,
  OmbudsmanSummaryInput,
  OrganisationSummary,
  SectorSummary,
  ThemeChange,
  UpholdRateRow,
} from './ombudsman-summary';
export { themeRows } from './theme-rows';
export type { ThemeRow } from './theme-rows';
export { detectRisingThemes } from './rising-themes';
export type { RisingTheme, RisingThemeOptions, WeeklyThemeCount } from './rising-themes';
export { COMPLETE_SHARE, expectedShareArrived, lagCdf, lagStats, VERY_LATE_DAYS, weekCompleteness } from './arrival-lag';
export type { LagCdf, LagHistogramRow, LagStats, WeekCompleteness } from './arrival-lag';
export { alertableRises, isRevealedLate, LATE_RISE_MAX_WEEKS, weeksBetween, weeksToJudge } from './rising-weeks';
export { addDays, LEARNING_TIME_ZONE, learningDay, weekStartOf } from './learning-calendar';
