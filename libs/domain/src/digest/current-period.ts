import { digestPeriod, DEFAULT_TIME_ZONE, type DigestPeriod, type DigestPeriodFrequency } from './period';
import { addCalendarDays, calendarDateAt, startOfDay } from './zoned-time';

/**
 * The period in progress at `asOf` in `timeZone`: today (daily) or this week from Monday
 * (weekly), local midnight to local midnight, so its end is still to come. It is the period
 * the next scheduled run will send; the digest preview shows it "so far".
 */
export function currentDigestPeriod(frequency: DigestPeriodFrequency, asOf: Date, timeZone: string = DEFAULT_TIME_ZONE): DigestPeriod {
  const today = calendarDateAt(asOf, timeZone);
  // digestPeriod gives the last complete period before its asOf: ask from one period ahead.
  return digestPeriod(frequency, startOfDay(addCalendarDays(today, frequency === 'daily' ? 1 : 7), timeZone), timeZone);
}
