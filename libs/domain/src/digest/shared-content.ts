import type { Sector } from '../model/taxonomy';
import type { DigestItem } from './digest-types';

/**
 * What another body's contact may read of a complaint (docs/data-protection.md, "Sharing
 * across bodies"). By default (SHARE_SUMMARIES_ACROSS_BODIES=false) other bodies get the
 * themes, the sector and the anonymised learning: what the body changed. Not the free-text
 * summary of what happened to the person, not the service area (free text the body typed,
 * which can name a ward, a team or a person), never the reference. The Ombudsman keeps the
 * learning summary: DESIGN.md gives it the full picture.
 */
export interface SharingPolicy {
  /** SHARE_SUMMARIES_ACROSS_BODIES. */
  readonly shareSummaries: boolean;
  /** The recipient's organisation is the Ombudsman. */
  readonly recipientIsOmbudsman: boolean;
}

export const DEFAULT_SHARING: SharingPolicy = { shareSummaries: false, recipientIsOmbudsman: false };

export interface SharedContent {
  /** null when withheld. */
  readonly serviceArea: string | null;
  readonly sector: Sector | null;
  readonly learningSummary: string;
  /** True when the free-text summary was withheld. */
  readonly anonymised: boolean;
}

/** The learning summary is "<header>: <what went wrong>. Change: <what changed>." (learning-summary.ts). */
const CHANGE_PREFIX = ' Change: ';
export const NO_CHANGE_RECORDED = 'No change recorded.';

/** Only the body's own statement of what it changed, itself redacted upstream. */
export function anonymisedSummary(learningSummary: string): string {
  const at = learningSummary.lastIndexOf(CHANGE_PREFIX);
  if (at < 0) return NO_CHANGE_RECORDED;
  const change = learningSummary.slice(at + CHANGE_PREFIX.length).trim();
  return change === '' ? NO_CHANGE_RECORDED : `What changed: ${change}`;
}

export function sharedContent(item: DigestItem, policy: SharingPolicy): SharedContent {
  const sector = item.sourceSector ?? null;
  if (policy.shareSummaries || policy.recipientIsOmbudsman) {
    return { serviceArea: item.serviceArea, sector, learningSummary: item.learningSummary, anonymised: false };
  }
  return { serviceArea: null, sector, learningSummary: anonymisedSummary(item.learningSummary), anonymised: true };
}
