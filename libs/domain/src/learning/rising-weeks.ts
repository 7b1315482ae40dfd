/*
 * Which weeks rising-theme detection judges. It counts by week of *receipt* on both sides
 * of the comparison (the week against the weeks before it, as known now), so a batch of old
 * complaints arriving this week lands in the old weeks it belongs to, never in this one.
 * Late data can reveal a rise in a past week: every week whose figures changed is judged
 * again, and the alert table's key (sector, theme, week) alerts each rise once.
 */

const DAY_MS = 86_400_000;

/** How far back a late-revealed rise is still worth an alert (half a year). */
export const LATE_RISE_MAX_WEEKS = 26;

function dayNumber(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`expected YYYY-MM-DD, got ${JSON.stringify(day)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * This week, last week, and every changed week (Mondays) not in the future and at most
 * `maxWeeksBack` weeks back; oldest first, each once. Misaligned days are rounded down to their Monday.
 */
export function weeksToJudge(changedWeeks: string[], thisWeek: string, maxWeeksBack = LATE_RISE_MAX_WEEKS): string[] {
  const current = dayNumber(thisWeek);
  const weeks = new Set<number>([current, current - 7]);
  for (const week of changedWeeks) {
    const day = dayNumber(week);
    const monday = day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
    if (monday <= current && current - monday <= maxWeeksBack * 7) weeks.add(monday);
  }
  return [...weeks].sort((a, b) => a - b).map(isoDay);
}

/** A week before last week: its rise was revealed by complaints that arrived late. */
export function isRevealedLate(weekStart: string, thisWeek: string): boolean {
  return dayNumber(thisWeek) - dayNumber(weekStart) > 7;
}

/** Whole weeks from `weekStart` to `thisWeek`. */
export function weeksBetween(weekStart: string, thisWeek: string): number {
  return Math.round((dayNumber(thisWeek) - dayNumber(weekStart)) / 7);
}

/**
 * Of the rises found in a week, those worth an alert. In a past week a rise needs a baseline
 * to rise from: with late data an empty baseline usually means the weeks before have not
 * arrived yet (a body's first quarterly batch), not that the theme is new.
 */
export function alertableRises<T extends { ratio: number | null }>(rising: T[], revealedLate: boolean): T[] {
  return revealedLate ? rising.filter((r) => r.ratio !== null) : rising;
}
