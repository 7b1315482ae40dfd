import type { Outcome } from '../model/taxonomy';
import { toCsv, type CsvValue } from './csv-cell';
import type { FinancialYear } from './financial-year';
import { KO41A_SUBJECTS, ko41aSubjectsFor, type Ko41aSubjectCode } from './ko41a-mapping';
import { returnHeader, type ReturnComplaintRow, type ReturnOrganisation, type ReturnProvenance } from './return-rows';

/*
 * The KO41a layout: summary totals, service area, subject area and outcome. Counting rules
 * (KO41a guidelines): each new complaint once in the total; under every subject it touches
 * (once per subject); under its service area. Outcomes follow KO41a's three findings
 * (upheld, partially upheld, not upheld); our other outcomes are shown beside them, not
 * folded in, so the return never claims a finding the body did not make.
 */

export interface Ko41aOutcomes {
  upheld: number;
  partiallyUpheld: number;
  notUpheld: number;
  /** KO41a "resolved": complaints with one of the three findings. */
  resolvedWithFinding: number;
  /** Our `resolved`: settled without a finding (not a KO41a outcome). */
  resolvedWithoutFinding: number;
  withdrawn: number;
  /** Still open at the time of the return (KO41a "carried forward"). */
  open: number;
}

export interface Ko41aReturn extends ReturnProvenance {
  organisation: ReturnOrganisation;
  financialYear: string;
  from: string;
  to: string;
  totalNewComplaints: number;
  outcomes: Ko41aOutcomes;
  serviceAreas: Array<{ serviceArea: string; count: number }>;
  /** Every KO41a subject, zeros included (the return expects a value in each). */
  subjects: Array<{ code: Ko41aSubjectCode; name: string; count: number }>;
  /** Sum of the subject counts: at least totalNewComplaints, more when complaints touch several subjects. */
  subjectTotal: number;
}

const OUTCOME_FIELD: Record<Outcome, keyof Ko41aOutcomes> = {
  upheld: 'upheld',
  'partly-upheld': 'partiallyUpheld',
  'not-upheld': 'notUpheld',
  resolved: 'resolvedWithoutFinding',
  withdrawn: 'withdrawn',
  open: 'open',
};

function countOutcomes(rows: ReturnComplaintRow[]): Ko41aOutcomes {
  const outcomes: Ko41aOutcomes = { upheld: 0, partiallyUpheld: 0, notUpheld: 0, resolvedWithFinding: 0, resolvedWithoutFinding: 0, withdrawn: 0, open: 0 };
  for (const row of rows) outcomes[OUTCOME_FIELD[row.outcome]] += 1;
  outcomes.resolvedWithFinding = outcomes.upheld + outcomes.partiallyUpheld + outcomes.notUpheld;
  return outcomes;
}

/** Service areas as the body records them; spelling variants differing only in case or spaces count together. */
function countServiceAreas(rows: ReturnComplaintRow[]): Array<{ serviceArea: string; count: number }> {
  const groups = new Map<string, { serviceArea: string; count: number }>();
  for (const row of rows) {
    const name = row.serviceArea.replace(/\s+/g, ' ').trim();
    const key = name.toLowerCase();
    const group = groups.get(key) ?? { serviceArea: name, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.serviceArea.localeCompare(b.serviceArea));
}

export function buildKo41aReturn(input: { organisation: ReturnOrganisation; year: FinancialYear; complaints: ReturnComplaintRow[] } & ReturnProvenance): Ko41aReturn {
  const perSubject = new Map<Ko41aSubjectCode, number>();
  for (const row of input.complaints) {
    for (const code of ko41aSubjectsFor(row.themes)) perSubject.set(code, (perSubject.get(code) ?? 0) + 1);
  }
  const subjects = KO41A_SUBJECTS.map((s) => ({ code: s.code, name: s.name, count: perSubject.get(s.code) ?? 0 }));
  return {
    ...returnHeader(input),
    totalNewComplaints: input.complaints.length,
    outcomes: countOutcomes(input.complaints),
    serviceAreas: countServiceAreas(input.complaints),
    subjects,
    subjectTotal: subjects.reduce((sum, s) => sum + s.count, 0),
  };
}

export const KO41A_CSV_HEADER = ['organisation_id', 'organisation_name', 'financial_year', 'section', 'code', 'item', 'count'];

const OUTCOME_ROWS: Array<[keyof Ko41aOutcomes, string]> = [
  ['upheld', 'Upheld'],
  ['partiallyUpheld', 'Partially upheld'],
  ['notUpheld', 'Not upheld'],
  ['resolvedWithFinding', 'Total resolved (upheld + partially upheld + not upheld)'],
  ['resolvedWithoutFinding', 'Resolved without a finding (not a KO41a outcome)'],
  ['withdrawn', 'Withdrawn'],
  ['open', 'Open (carried forward)'],
];

/** One return as long-format CSV rows (no header): a section per KO41a part. */
export function ko41aCsvRows(r: Ko41aReturn): CsvValue[][] {
  const row = (section: string, code: string, item: string, count: number): CsvValue[] => [r.organisation.id, r.organisation.name, r.financialYear, section, code, item, count];
  return [
    row('summary', 'total-new', 'Total new complaints', r.totalNewComplaints),
    row('summary', 'arrived-after-period', 'Received in the year, reached this service after it ended', r.arrivedAfterPeriod),
    ...OUTCOME_ROWS.map(([field, label]) => row('outcome', field, label, r.outcomes[field])),
    ...r.serviceAreas.map((s) => row('service-area', '', s.serviceArea, s.count)),
    ...r.subjects.map((s) => row('subject', s.code, s.name, s.count)),
    row('subject', 'total', 'Total by subject (a complaint counts under each subject it touches)', r.subjectTotal),
  ];
}

/** One or many returns (the Ombudsman's file has every body) as one CSV with a header. */
export function ko41aCsv(returns: Ko41aReturn[]): string {
  return toCsv([KO41A_CSV_HEADER, ...returns.flatMap(ko41aCsvRows)]);
}
