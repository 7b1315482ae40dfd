import { createHash } from 'node:crypto';

/*
 * Expected Message-IDs and digest period keys, written out from their documented formats
 * (docs/digests.md, "Message-ID") without the code under test: a test's expected value must
 * not come from the code it checks. The digest runs in the e2e tests are relative to now
 * (their deliveries are made now), so the date in a key is read with Intl in Europe/London.
 */

const DAY_MS = 86_400_000;

/** An immediate alert: `<delivery.{delivery id}@{the MAIL_FROM domain: localhost in the tests}>`. */
export function alertMessageId(deliveryId: string): string {
  return `<delivery.${deliveryId}@localhost>`;
}

/**
 * A contact's digest: the id `{period key}:contact:{contact id}` has ":" in it, which a
 * Message-ID may not, so it goes in as `h-` and the first 40 hex digits of its SHA-256.
 */
export function digestMessageId(periodKey: string, contactId: string): string {
  const hash = createHash('sha256').update(`${periodKey}:contact:${contactId}`, 'utf8').digest('hex').slice(0, 40);
  return `<digest.h-${hash}@localhost>`;
}

/** The Europe/London calendar date of `at`, plus `days` calendar days: `YYYY-MM-DD`. */
export function londonDate(at: Date, days = 0): string {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The ISO week of a calendar date, `YYYY-Www` (the week-year is that of the week's Thursday). */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
