import type { Direction } from '../learning/counts';
import type { Outcome, Sector, Severity, ThemeId } from '../model/taxonomy';
import type { DigestPeriod } from './period';
import type { SharingPolicy } from './shared-content';

/** One routed learning item for a contact, as the worker loads it from a delivery. */
export interface DigestItem {
  complaintId: string;
  /** The body's own case reference; only for the contact's own organisation's complaints. */
  reference?: string;
  serviceArea: string;
  /** In classifier order (most confident first). */
  themes: ThemeId[];
  severity: Severity;
  outcome: Outcome;
  /** Redacted, ≤ 300 characters. */
  learningSummary: string;
  /** True when the learning came from another organisation in the same sector. */
  shared: boolean;
  /** Only present when the delivery's includeBodyName allows naming the source. */
  sourceOrganisationName?: string;
  /** The submitting organisation's sector: what another body may always know of the source. */
  sourceSector?: Sector;
  receivedAt: Date;
}

export interface DigestContact {
  id: string;
  name: string;
  email: string;
  serviceAreas: string[];
  themes: ThemeId[];
}

export interface DigestOrganisation {
  id: string;
  name: string;
}

export interface CountTrend {
  count: number;
  previousCount: number;
  /** count − previousCount */
  delta: number;
  direction: Direction;
}

export interface ThemeTrend extends CountTrend {
  theme: ThemeId;
}

/** An item from the contact's own organisation. */
export interface OwnEntry {
  complaintId: string;
  reference: string | null;
  serviceArea: string;
  themes: ThemeId[];
  /** The theme this entry is listed under. */
  leadTheme: ThemeId | null;
  severity: Severity;
  outcome: Outcome;
  upheld: boolean;
  learningSummary: string;
  receivedAt: Date;
}

/**
 * Learning from another body. Deliberately has no `reference` field (another body's case
 * reference must never reach this contact) and names the source only when allowed.
 */
export interface SharedEntry {
  complaintId: string;
  sourceOrganisationName: string | null;
  /** null when withheld from another body (SharingPolicy). */
  serviceArea: string | null;
  sector: Sector | null;
  /** The free-text summary was withheld: learningSummary holds only what changed. */
  anonymised: boolean;
  themes: ThemeId[];
  severity: Severity;
  outcome: Outcome;
  upheld: boolean;
  learningSummary: string;
  receivedAt: Date;
}

export interface ThemeGroup {
  /** null for items the classifier gave no theme. */
  theme: ThemeId | null;
  /** All own items listed under this theme, shown or not. */
  total: number;
  entries: OwnEntry[];
  /** Items under this theme left out by the cap. */
  omitted: number;
}

export interface CappedList<T> {
  total: number;
  entries: T[];
  omitted: number;
}

export interface ContactDigest {
  contact: { id: string; name: string; email: string };
  organisation: DigestOrganisation;
  period: DigestPeriod;
  /** Own items this period vs the previous period. */
  totals: CountTrend;
  /** Per theme, own items only; an item with two themes counts under both. */
  themes: ThemeTrend[];
  upheldCount: number;
  /** Own items with a decided outcome (not open or withdrawn). */
  decidedCount: number;
  /** upheld ÷ decided, 0..1 three decimals; null when nothing was decided. */
  upheldRate: number | null;
  /** Own items of severity `serious`, most important first. */
  seriousCases: CappedList<OwnEntry>;
  /** Own items, each listed once under its lead theme, most important group first. */
  groups: ThemeGroup[];
  /** Own items shown across all groups / left out by the cap. */
  shown: number;
  omitted: number;
  /** Learning from other bodies in the sector, most important first. */
  shared: CappedList<SharedEntry>;
  /** Complaints processed after this are not in these figures ("Figures as of …"). */
  dataAsOf: Date;
}

export interface BuildContactDigestInput {
  contact: DigestContact;
  organisation: DigestOrganisation;
  period: DigestPeriod;
  /** This period's items for this contact only (own and shared). */
  items: DigestItem[];
  /** Own items per theme in the previous period, counted the same way as `themes`. */
  previousThemeCounts: Partial<Record<ThemeId, number | string>>;
  /** Own items in the previous period. */
  previousTotal: number | string;
  /** Most own learning summaries to list (default 20); also caps the serious list. */
  cap?: number;
  /** Most shared summaries to list (default: same as cap). */
  sharedCap?: number;
  /** What other bodies' learning may show (default: no free-text summaries). */
  sharing?: SharingPolicy;
  /**
   * When the figures were cut off; default (and latest) the period's end: the items are the
   * deliveries routed before it, so a complaint processed after it waits for the next digest
   * however late this one is built.
   */
  dataAsOf?: Date;
}
