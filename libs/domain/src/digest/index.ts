export { DEFAULT_TIME_ZONE, digestPeriod, nextRunAt, periodDates } from './period';
export { currentDigestPeriod } from './current-period';
export type { DigestPeriod, DigestPeriodFrequency, DigestSchedule } from './period';
export { timeZoneOffsetMs, zonedTimeToUtc } from './zoned-time';
export type { CalendarDate, WallClock } from './zoned-time';
export { buildContactDigest, DEFAULT_DIGEST_CAP } from './build-contact-digest';
export type {
  BuildContactDigestInput,
  CappedList,
  ContactDigest,
  CountTrend,
  DigestContact,
  DigestItem,
  DigestOrganisation,
  OwnEntry,
  SharedEntry,
  ThemeGroup,
  ThemeTrend,
} from './digest-types';
export { byImportance } from './importance';
export { anonymisedSummary, DEFAULT_SHARING, sharedContent } from './shared-content';
export type { SharedContent, SharingPolicy } from './shared-content';
export { OUTCOME_LABELS, REMEDY_LABELS, SECTOR_LABELS, SEVERITY_LABELS, THEME_LABELS, themeLabel } from './labels';
export { clip, neutraliseFormula, safeHeaderText, safeText, stripControlChars } from './safe-text';
export { contactDigestKey, messageId } from './message-id';
export type { MessageKind } from './message-id';
export { DEFAULT_APP_NAME } from './render/rendered-email';
export type { RenderedEmail, RenderOptions } from './render/rendered-email';
export { renderContactDigestEmail } from './render/contact-digest-email';
export { renderOmbudsmanDigestEmail } from './render/ombudsman-digest-email';
export type { ArrivalContext, OmbudsmanDigestOptions, ReceivedWeek } from './render/ombudsman-digest-email';
export { renderImmediateAlertEmail, RESUBSCRIBE_NOTE } from './render/immediate-alert-email';
export type { ImmediateAlertInput } from './render/immediate-alert-email';
export { renderRisingThemeAlertEmail } from './render/rising-theme-alert-email';
export type { RisingThemeAlertInput } from './render/rising-theme-alert-email';
