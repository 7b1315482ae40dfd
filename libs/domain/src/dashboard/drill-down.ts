import type { Outcome, Sector, Severity, ThemeId } from '../model/taxonomy';
import { anonymisedSummary } from '../digest/shared-content';

/** Who is reading: the Ombudsman, or a contact of one public body. */
export type DashboardViewer = { kind: 'ombudsman' } | { kind: 'public-body'; organisationId: string };

/** A stored complaint as the repository reads it for the drill-down and the CSV export. */
export interface DrillDownRow {
  complaintId: string;
  organisationId: string;
  organisationName: string;
  sector: Sector;
  reference: string;
  receivedAt: Date;
  serviceArea: string;
  themes: ThemeId[];
  severity: Severity;
  outcome: Outcome;
  learningSummary: string | null;
}

/** What the viewer may read of it (docs/data-protection.md, "Sharing across bodies"). */
export interface DrillDownRecord {
  complaintId: string;
  organisationId: string;
  organisationName: string;
  sector: Sector;
  /** The body's own reference: for that body and the Ombudsman only. */
  reference: string | null;
  receivedAt: string;
  /** Free text the body typed (redacted upstream): withheld like the summary. */
  serviceArea: string | null;
  themes: ThemeId[];
  severity: Severity;
  outcome: Outcome;
  learningSummary: string;
  /** True when the free-text summary was withheld and only "what changed" is shown. */
  anonymised: boolean;
}

/**
 * The Ombudsman and the body itself read the redacted learning summary; another body reads
 * only the anonymised "what changed" part unless SHARE_SUMMARIES_ACROSS_BODIES is on, and
 * never the reference.
 */
export function visibleRecord(row: DrillDownRow, viewer: DashboardViewer, shareSummaries: boolean): DrillDownRecord {
  const own = viewer.kind === 'public-body' && viewer.organisationId.toLowerCase() === row.organisationId.toLowerCase();
  const full = viewer.kind === 'ombudsman' || own || shareSummaries;
  const summary = row.learningSummary ?? '';
  return {
    complaintId: row.complaintId,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    sector: row.sector,
    reference: viewer.kind === 'ombudsman' || own ? row.reference : null,
    receivedAt: row.receivedAt.toISOString(),
    serviceArea: full ? row.serviceArea : null,
    themes: row.themes,
    severity: row.severity,
    outcome: row.outcome,
    learningSummary: full ? summary : anonymisedSummary(summary),
    anonymised: !full,
  };
}

/** Keyset position: the last row's (receivedAt, id); pages run newest first. */
export interface DrillCursor {
  receivedAt: string;
  complaintId: string;
}

const CURSOR_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: DrillCursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedAt, cursor.complaintId]), 'utf8').toString('base64url');
}

/** null when the text is not a cursor this code wrote (the caller names the `cursor` field). */
export function decodeCursor(text: string): DrillCursor | null {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [receivedAt, complaintId] = value as unknown[];
    if (typeof receivedAt !== 'string' || typeof complaintId !== 'string' || !CURSOR_UUID.test(complaintId)) return null;
    if (Number.isNaN(Date.parse(receivedAt))) return null;
    return { receivedAt: new Date(receivedAt).toISOString(), complaintId: complaintId.toLowerCase() };
  } catch {
    return null;
  }
}

export const DRILL_PAGE_DEFAULT = 25;
export const DRILL_PAGE_MAX = 100;
