import { isUpheld, REMEDIES, type Remedy, type ThemeId } from '../model/taxonomy';
import { isDecided, roundTo } from '../learning/counts';
import { toCsv, type CsvValue } from './csv-cell';
import type { FinancialYear } from './financial-year';
import { returnHeader, type ReturnComplaintRow, type ReturnOrganisation, type ReturnProvenance } from './return-rows';

/*
 * A council's year in the terms the Local Government and Social Care Ombudsman's annual
 * review letters use: complaints, decisions, the upheld rate of decisions, and remedies
 * (with service improvements apart from remedies to the person). Each complaint is counted
 * once, under one service category, as the LGSCO categorises each complaint once.
 */

export const COUNCIL_CATEGORIES = [
  'Adult care services',
  'Benefits and tax',
  "Education and children's services",
  'Environment services',
  'Highways and transport',
  'Housing',
  'Planning and development',
  'Corporate and other services',
] as const;
export type CouncilCategory = (typeof COUNCIL_CATEGORIES)[number];

const THEME_CATEGORY: Partial<Record<ThemeId, CouncilCategory>> = {
  'social-care': 'Adult care services',
  safeguarding: 'Adult care services',
  'benefits-tax': 'Benefits and tax',
  'education-send': "Education and children's services",
  housing: 'Housing',
  'planning-environment': 'Planning and development',
};

// The planning-environment theme spans three LGSCO categories; the service area tells them apart.
const SERVICE_AREA_CATEGORY: Array<[RegExp, CouncilCategory]> = [
  [/highway|road|pavement|parking|transport|street/i, 'Highways and transport'],
  [/waste|bin|refuse|recycl|noise|environment|pollution|licens/i, 'Environment services'],
  [/planning|building control/i, 'Planning and development'],
  [/council tax|benefit|business rates/i, 'Benefits and tax'],
  [/school|education|send|children/i, "Education and children's services"],
  [/housing|homeless|tenan|repair/i, 'Housing'],
  [/adult|care home|social care/i, 'Adult care services'],
];

/** The category of one complaint: the service area where it is specific, else the first theme that maps, else corporate. */
export function councilCategoryFor(row: Pick<ReturnComplaintRow, 'themes' | 'serviceArea'>): CouncilCategory {
  const byArea = SERVICE_AREA_CATEGORY.find(([pattern]) => pattern.test(row.serviceArea))?.[1];
  if (byArea) return byArea;
  for (const theme of row.themes) {
    const category = THEME_CATEGORY[theme];
    if (category) return category;
  }
  return 'Corporate and other services';
}

/** Remedies that change the service for others, reported apart as the LGSCO reports service improvements. */
const SERVICE_IMPROVEMENTS: readonly Remedy[] = ['service-change', 'policy-change', 'staff-training'];

export interface CouncilFigures {
  complaints: number;
  /** Complaints with a decision (not open, not withdrawn). */
  decisions: number;
  upheld: number;
  notUpheld: number;
  /** upheld ÷ decisions, 0..1 to three decimals; null with no decisions. */
  upheldRate: number | null;
}

export interface CouncilReturn extends ReturnProvenance, CouncilFigures {
  organisation: ReturnOrganisation;
  financialYear: string;
  from: string;
  to: string;
  withdrawn: number;
  open: number;
  /** Upheld complaints with at least one remedy recorded, and their share of the upheld. */
  upheldWithRemedy: number;
  remedyRate: number | null;
  /** Complaints with a service-improvement remedy (service change, policy change, staff training). */
  serviceImprovements: number;
  remedies: Array<{ remedy: Remedy; count: number }>;
  byCategory: Array<CouncilFigures & { category: CouncilCategory }>;
}

function figures(rows: ReturnComplaintRow[]): CouncilFigures {
  const decided = rows.filter((r) => isDecided(r.outcome));
  const upheld = decided.filter((r) => isUpheld(r.outcome)).length;
  return {
    complaints: rows.length,
    decisions: decided.length,
    upheld,
    notUpheld: decided.length - upheld,
    upheldRate: decided.length > 0 ? roundTo(upheld / decided.length, 3) : null,
  };
}

export function buildCouncilReturn(input: { organisation: ReturnOrganisation; year: FinancialYear; complaints: ReturnComplaintRow[] } & ReturnProvenance): CouncilReturn {
  const rows = input.complaints;
  const upheldRows = rows.filter((r) => isUpheld(r.outcome));
  const upheldWithRemedy = upheldRows.filter((r) => r.remedies.length > 0).length;
  return {
    ...returnHeader(input),
    ...figures(rows),
    withdrawn: rows.filter((r) => r.outcome === 'withdrawn').length,
    open: rows.filter((r) => r.outcome === 'open').length,
    upheldWithRemedy,
    remedyRate: upheldRows.length > 0 ? roundTo(upheldWithRemedy / upheldRows.length, 3) : null,
    serviceImprovements: rows.filter((r) => r.remedies.some((m) => SERVICE_IMPROVEMENTS.includes(m))).length,
    remedies: REMEDIES.map((remedy) => ({ remedy, count: rows.filter((r) => r.remedies.includes(remedy)).length })).filter((r) => r.count > 0),
    byCategory: COUNCIL_CATEGORIES.map((category) => ({ category, ...figures(rows.filter((r) => councilCategoryFor(r) === category)) })).filter(
      (c) => c.complaints > 0,
    ),
  };
}

export const COUNCIL_CSV_HEADER = ['organisation_id', 'organisation_name', 'financial_year', 'section', 'item', 'complaints', 'decisions', 'upheld', 'upheld_rate'];

/** Rates as fractions with three decimals; an empty cell where there is no rate. */
export function councilCsvRows(r: CouncilReturn): CsvValue[][] {
  const line = (section: string, item: string, f: CouncilFigures): CsvValue[] => [r.organisation.id, r.organisation.name, r.financialYear, section, item, f.complaints, f.decisions, f.upheld, f.upheldRate];
  const count = (section: string, item: string, n: number): CsvValue[] => [r.organisation.id, r.organisation.name, r.financialYear, section, item, n, null, null, null];
  return [
    line('total', 'All complaints', r),
    count('total', 'Received in the year, reached this service after it ended', r.arrivedAfterPeriod),
    count('remedy', 'Upheld complaints with a remedy', r.upheldWithRemedy),
    count('remedy', 'Complaints with a service improvement', r.serviceImprovements),
    ...r.remedies.map((m) => count('remedy', m.remedy, m.count)),
    ...r.byCategory.map((c) => line('category', c.category, c)),
  ];
}

export function councilCsv(returns: CouncilReturn[]): string {
  return toCsv([COUNCIL_CSV_HEADER, ...returns.flatMap(councilCsvRows)]);
}
