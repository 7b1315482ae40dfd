import type { OwnEntry, SharedEntry } from '../digest-types';
import { OUTCOME_LABELS, SECTOR_LABELS, SEVERITY_LABELS, themeLabel } from '../labels';
import { safeText } from '../safe-text';
import { formatShortDate } from './format';

/** One learning item as both parts show it; every record-derived string has been through safeText. */
export interface EntryView {
  /** "Serious · Maternity" */
  heading: string;
  /** "Upheld · Ref NT-1 · received 3 Nov 2026" */
  meta: string;
  /** "Themes: Clinical care, Communication" */
  themes: string;
  summary: string;
  serious: boolean;
}

function themesLine(themes: OwnEntry['themes']): string {
  return themes.length > 0 ? `Themes: ${themes.map(themeLabel).join(', ')}` : 'Themes: not yet themed';
}

function heading(entry: OwnEntry | SharedEntry): string {
  return `${SEVERITY_LABELS[entry.severity]} · ${safeText(entry.serviceArea ?? '', 200)}`;
}

/** "Serious · Maternity · Sector: Health"; a withheld service area leaves "Serious · Sector: Health". */
function sharedHeading(entry: SharedEntry): string {
  const parts = [SEVERITY_LABELS[entry.severity]];
  if (entry.serviceArea !== null) parts.push(safeText(entry.serviceArea, 200));
  parts.push(entry.sector === null ? 'Sector: not known' : `Sector: ${SECTOR_LABELS[entry.sector]}`);
  return parts.join(' · ');
}

export function ownEntryView(entry: OwnEntry, timeZone: string): EntryView {
  const meta = [OUTCOME_LABELS[entry.outcome]];
  if (entry.reference) meta.push(`Ref ${safeText(entry.reference, 100)}`);
  meta.push(`received ${formatShortDate(entry.receivedAt, timeZone)}`);
  return {
    heading: heading(entry),
    meta: meta.join(' · '),
    themes: themesLine(entry.themes),
    summary: safeText(entry.learningSummary, 400),
    serious: entry.severity === 'serious',
  };
}

/** Never shows a reference (SharedEntry has none) and names the source body only when the delivery allowed it. */
export function sharedEntryView(entry: SharedEntry, timeZone: string): EntryView {
  const source = entry.sourceOrganisationName
    ? `From ${safeText(entry.sourceOrganisationName, 200)}`
    : 'From another organisation in your sector';
  return {
    heading: sharedHeading(entry),
    meta: [source, OUTCOME_LABELS[entry.outcome], `received ${formatShortDate(entry.receivedAt, timeZone)}`].join(' · '),
    themes: themesLine(entry.themes),
    summary: safeText(entry.learningSummary, 400),
    serious: entry.severity === 'serious',
  };
}
