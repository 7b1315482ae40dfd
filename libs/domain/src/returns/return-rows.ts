import type { Outcome, Remedy, Sector, ThemeId } from '../model/taxonomy';
import type { FinancialYear } from './financial-year';

/** One counted complaint of a return (processed, not a duplicate), as the repository loads it. */
export interface ReturnComplaintRow {
  organisationId: string;
  serviceArea: string;
  themes: ThemeId[];
  outcome: Outcome;
  remedies: Remedy[];
  /** ISO instants (or Dates): used for "how long complaints took". */
  receivedAt?: string | Date;
  closedAt?: string | Date | null;
  /** The redacted learning summary (the annual report's "what we learned"); never the raw text. */
  learningSummary?: string | null;
}

export interface ReturnOrganisation {
  id: string;
  name: string;
  sector: Sector;
}

/** Provenance every period-based figure carries. */
export interface ReturnProvenance {
  /** Complaints whose status changed after this instant may not be counted yet. */
  dataAsOf: string;
  /** Counted complaints received in the year that reached this service after it ended. */
  arrivedAfterPeriod: number;
}

/** The header every return opens with: whose, which year, and how complete its figures are. */
export function returnHeader(input: { organisation: ReturnOrganisation; year: FinancialYear } & ReturnProvenance) {
  return {
    organisation: input.organisation,
    financialYear: input.year.label,
    from: input.year.from,
    to: input.year.to,
    dataAsOf: input.dataAsOf,
    arrivedAfterPeriod: input.arrivedAfterPeriod,
  };
}
