export { buildAnnualReport, sectorMedians } from './annual-report';
export type { AnnualReport, AnnualThemeRow, Comparison, SectorThemeCountRow } from './annual-report';
export { renderAnnualReportHtml } from './annual-report-html';
