import { isUpheld, severityRank, type Outcome, type Severity } from '../model/taxonomy';

interface Rankable {
  complaintId: string;
  severity: Severity;
  outcome: Outcome;
  receivedAt: Date;
}

/**
 * Most important first: more severe, then upheld before not, then most recent. The
 * complaint id breaks remaining ties so the same input always renders the same email.
 */
export function byImportance(a: Rankable, b: Rankable): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    Number(isUpheld(b.outcome)) - Number(isUpheld(a.outcome)) ||
    b.receivedAt.getTime() - a.receivedAt.getTime() ||
    (a.complaintId < b.complaintId ? -1 : a.complaintId > b.complaintId ? 1 : 0)
  );
}
