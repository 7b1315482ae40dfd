import { addCount, addToTally, compareCounts, emptyTally, toCount, upholdRate } from '../learning/counts';
import { isUpheld, type ThemeId } from '../model/taxonomy';
import type {
  BuildContactDigestInput,
  CappedList,
  ContactDigest,
  CountTrend,
  DigestItem,
  OwnEntry,
  SharedEntry,
  ThemeGroup,
  ThemeTrend,
} from './digest-types';
import { byImportance } from './importance';
import { clip, stripControlChars } from './safe-text';
import { DEFAULT_SHARING, sharedContent, type SharingPolicy } from './shared-content';

export const DEFAULT_DIGEST_CAP = 20;
/** The summary is redacted upstream to ≤ 300 characters; clipping again keeps the email bounded if that ever slips. */
const SUMMARY_MAX = 300;

function trend(count: number, previousCount: number): CountTrend {
  const { change, direction } = compareCounts(count, previousCount);
  return { count, previousCount, delta: change, direction };
}

function assertCap(name: string, cap: number): void {
  if (!Number.isSafeInteger(cap) || cap < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${cap}`);
}

/** A retried delivery can reach the worker's query twice; a complaint is listed and counted once. */
function uniqueByComplaint(items: DigestItem[]): DigestItem[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.complaintId) && seen.add(item.complaintId));
}

/** The theme an item is listed under: the first of its themes the contact follows, else its first theme. */
function leadTheme(item: DigestItem, followed: ReadonlySet<ThemeId>): ThemeId | null {
  return item.themes.find((t) => followed.has(t)) ?? item.themes[0] ?? null;
}

function cleanSummary(text: string): string {
  return clip(stripControlChars(text), SUMMARY_MAX);
}

function toOwnEntry(item: DigestItem, followed: ReadonlySet<ThemeId>): OwnEntry {
  return {
    complaintId: item.complaintId,
    reference: item.reference?.trim() || null,
    serviceArea: item.serviceArea,
    themes: [...item.themes],
    leadTheme: leadTheme(item, followed),
    severity: item.severity,
    outcome: item.outcome,
    upheld: isUpheld(item.outcome),
    learningSummary: cleanSummary(item.learningSummary),
    receivedAt: item.receivedAt,
  };
}

/**
 * Built field by field (never spread from the item) so another body's reference cannot leak
 * through; the summary and service area only as the sharing policy allows.
 */
export function toSharedEntry(item: DigestItem, sharing: SharingPolicy = DEFAULT_SHARING): SharedEntry {
  const content = sharedContent(item, sharing);
  return {
    complaintId: item.complaintId,
    sourceOrganisationName: item.sourceOrganisationName?.trim() || null,
    serviceArea: content.serviceArea,
    sector: content.sector,
    anonymised: content.anonymised,
    themes: [...item.themes],
    severity: item.severity,
    outcome: item.outcome,
    upheld: isUpheld(item.outcome),
    learningSummary: cleanSummary(content.learningSummary),
    receivedAt: item.receivedAt,
  };
}

function capped<T>(sorted: T[], cap: number): CappedList<T> {
  const entries = sorted.slice(0, cap);
  return { total: sorted.length, entries, omitted: sorted.length - entries.length };
}

function themeTrends(own: DigestItem[], previous: BuildContactDigestInput['previousThemeCounts']): ThemeTrend[] {
  const now = new Map<ThemeId, number>();
  for (const item of own) for (const theme of new Set(item.themes)) addCount(now, theme, 1);
  const before = new Map<ThemeId, number>();
  for (const [theme, count] of Object.entries(previous)) before.set(theme as ThemeId, toCount(count));
  const themes = new Set<ThemeId>([...now.keys(), ...before.keys()]);
  return [...themes]
    .map((theme) => ({ theme, ...trend(now.get(theme) ?? 0, before.get(theme) ?? 0) }))
    .filter((t) => t.count > 0 || t.previousCount > 0)
    .sort((a, b) => b.count - a.count || b.previousCount - a.previousCount || a.theme.localeCompare(b.theme));
}

/**
 * Groups own entries by lead theme. `sorted` is in importance order and `shownCount` of
 * them survive the cap, so the cap drops the least important items across all themes.
 */
function themeGroups(sorted: OwnEntry[], shownCount: number): ThemeGroup[] {
  const groups = new Map<ThemeId | null, ThemeGroup>();
  sorted.forEach((entry, index) => {
    const group = groups.get(entry.leadTheme) ?? { theme: entry.leadTheme, total: 0, entries: [], omitted: 0 };
    group.total += 1;
    if (index < shownCount) group.entries.push(entry);
    else group.omitted += 1;
    groups.set(entry.leadTheme, group);
  });
  return [...groups.values()]
    .filter((g) => g.entries.length > 0)
    .sort((a, b) => byImportance(a.entries[0], b.entries[0]) || b.total - a.total);
}

/**
 * Shapes one contact's improvement digest for a period. Returns null when the contact has
 * nothing this period (no own and no shared items): empty digests are not sent.
 */
export function buildContactDigest(input: BuildContactDigestInput): ContactDigest | null {
  const cap = input.cap ?? DEFAULT_DIGEST_CAP;
  const sharedCap = input.sharedCap ?? cap;
  assertCap('cap', cap);
  assertCap('sharedCap', sharedCap);

  const items = uniqueByComplaint(input.items);
  const own = items.filter((item) => !item.shared);
  const shared = items.filter((item) => item.shared);
  if (own.length === 0 && shared.length === 0) return null;

  const followed = new Set(input.contact.themes);
  const sortedOwn = own.map((item) => toOwnEntry(item, followed)).sort(byImportance);
  const tally = emptyTally();
  for (const item of own) addToTally(tally, item.outcome, 1);
  const shownCount = Math.min(cap, sortedOwn.length);

  return {
    contact: { id: input.contact.id, name: input.contact.name, email: input.contact.email },
    organisation: { id: input.organisation.id, name: input.organisation.name },
    period: input.period,
    totals: trend(own.length, toCount(input.previousTotal)),
    themes: themeTrends(own, input.previousThemeCounts),
    upheldCount: tally.upheld,
    decidedCount: tally.decided,
    upheldRate: upholdRate(tally),
    seriousCases: capped(
      sortedOwn.filter((e) => e.severity === 'serious'),
      cap,
    ),
    groups: themeGroups(sortedOwn, shownCount),
    shown: shownCount,
    omitted: sortedOwn.length - shownCount,
    shared: capped(
      shared.map((item) => toSharedEntry(item, input.sharing)).sort(byImportance),
      sharedCap,
    ),
    dataAsOf: cutOff(input),
  };
}

/** Never after the period's end: nothing routed later is counted, whenever the digest is built. */
function cutOff(input: BuildContactDigestInput): Date {
  const end = input.period.end;
  return input.dataAsOf && input.dataAsOf.getTime() < end.getTime() ? input.dataAsOf : end;
}
