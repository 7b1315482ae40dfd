/**
 * Renders a sample annual complaints report from a made-up but realistic year (no real data,
 * no database): a fictional NHS trust's 2025-26, its sector of six trusts, learning summaries
 * written for the sample. Prints it to PDF through the same Chromium adapter the API uses and
 * saves the first page as a PNG for the docs (pdftoppm, from Debian's poppler-utils).
 *
 *   npx tsx scripts/sample-annual-report.ts            # docs/screenshots/annual-report.png
 *   npx tsx scripts/sample-annual-report.ts --keep     # also var/sample-annual-report.{html,pdf}
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppConfig } from '@app/config';
import type { Outcome, Remedy, ThemeId } from '@app/domain';
import { buildAnnualReport, renderAnnualReportHtml, type SectorThemeCountRow } from '@app/domain/reports';
import { financialYear, type ReturnComplaintRow } from '@app/domain/returns';
import { ChromiumPdfRenderer } from '../apps/ingest/src/reports/chromium-pdf.renderer';

const ROOT = resolve(__dirname, '..');
const PNG = resolve(ROOT, 'docs/screenshots/annual-report.png');
const YEAR = financialYear(2025);
const ORGANISATION = { id: 'sample-northshire', name: 'Northshire Hospitals NHS Trust', sector: 'health' as const };

/** Deterministic, so the picture only changes when the report's layout does. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(rand: () => number, weighted: Array<[T, number]>): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, weight] of weighted) if ((r -= weight) < 0) return value;
  return weighted[weighted.length - 1][0];
}

const THEMES: Array<[ThemeId, number]> = [
  ['communication', 30], ['clinical-care', 22], ['delay', 16], ['staff-attitude', 10], ['discharge-transfer', 7],
  ['diagnosis', 6], ['medication', 5], ['access-to-services', 5], ['complaint-handling', 4], ['dignity-privacy', 3], ['record-keeping', 3],
];
const OUTCOMES: Array<[Outcome, number]> = [['upheld', 28], ['partly-upheld', 24], ['not-upheld', 30], ['resolved', 9], ['withdrawn', 4], ['open', 5]];
const REMEDIES: Array<[Remedy, number]> = [['apology', 40], ['explanation', 30], ['staff-training', 12], ['service-change', 10], ['policy-change', 5], ['financial', 3]];
const AREAS = ['Maternity', 'Emergency department', 'Outpatients', 'Surgery', 'Children’s services', 'Older people’s medicine'];

/** Redacted-style summaries, as the pipeline would write them (written for this sample). */
const LEARNING: Partial<Record<ThemeId, string[]>> = {
  communication: [
    'Scan cancellations are now phoned to parents the same day, and the antenatal clinic returns calls within one working day.',
    'Relatives are now given a named contact on admission and are called after any change in the care plan.',
  ],
  'clinical-care': [
    'Nurses now repeat observations within an hour when an early warning score rises, and escalation is audited monthly.',
    'Pressure area checks are recorded at every shift handover on the older people’s wards.',
  ],
  delay: ['Outpatient letters now give a realistic waiting time and a number to call if symptoms get worse.'],
  'staff-attitude': ['Reception teams have had customer care training, and patients are asked about their visit by text message.'],
  'discharge-transfer': ['Discharge letters and medicines are checked by a pharmacist before a patient leaves the ward after 8pm.'],
  diagnosis: ['Radiology reports flagged as urgent now reach the referring consultant and the GP on the same day.'],
  medication: ['Insulin doses are double-checked by two nurses, and the electronic record prompts the second signature.'],
};

function sampleComplaints(rand: () => number, count: number, organisationId: string, themes = THEMES): ReturnComplaintRow[] {
  const start = Date.parse(YEAR.from);
  return Array.from({ length: count }, (_, i) => {
    const first = pick(rand, themes);
    const second = rand() < 0.45 ? pick(rand, themes) : first;
    const outcome = pick(rand, OUTCOMES);
    const receivedAt = new Date(start + Math.floor(rand() * 364) * 86_400_000 + 36_000_000);
    const closed = outcome !== 'open';
    const remedies = outcome === 'upheld' || outcome === 'partly-upheld' ? [...new Set([pick(rand, REMEDIES), pick(rand, REMEDIES)])] : outcome === 'resolved' ? ['explanation' as const] : [];
    const learning = LEARNING[first];
    return {
      organisationId,
      serviceArea: AREAS[i % AREAS.length],
      themes: [...new Set([first, second])],
      outcome,
      remedies,
      receivedAt,
      closedAt: closed ? new Date(receivedAt.getTime() + Math.round(8 + rand() * rand() * 90) * 86_400_000) : null,
      learningSummary: learning && remedies.length > 0 ? learning[i % learning.length] : null,
    };
  });
}

/** The sector's per-body counts (what ReturnsRepository.sectorThemeCounts returns): five other trusts and this one. */
function sectorRows(rand: () => number, own: ReturnComplaintRow[]): SectorThemeCountRow[] {
  const bodies = [own, ...[180, 310, 95, 260, 140].map((n, i) => sampleComplaints(rand, n, `sample-trust-${i}`))];
  return bodies.flatMap((rows) => {
    const id = rows[0].organisationId;
    const perTheme = new Map<ThemeId, number>();
    for (const row of rows) for (const theme of row.themes) perTheme.set(theme, (perTheme.get(theme) ?? 0) + 1);
    return [{ organisationId: id, theme: null, count: rows.length }, ...[...perTheme].map(([theme, count]) => ({ organisationId: id, theme, count }))];
  });
}

async function main(): Promise<void> {
  const rand = random(2025);
  // This trust hears more about communication and less about delay than its sector does.
  const own = THEMES.map(([theme, weight]): [ThemeId, number] => [theme, theme === 'communication' ? 40 : theme === 'delay' ? 9 : weight]);
  const complaints = sampleComplaints(rand, 236, ORGANISATION.id, own);
  const report = buildAnnualReport({
    organisation: ORGANISATION,
    year: YEAR,
    complaints,
    sector: sectorRows(rand, complaints),
    dataAsOf: '2026-05-06T08:30:00.000Z',
    arrivedAfterPeriod: 14,
  });
  const html = renderAnnualReportHtml(report);
  const config = { chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfRenderTimeoutMs: 60_000 } as AppConfig;
  const renderer = new ChromiumPdfRenderer(config);
  try {
    const pdf = await renderer.render(html);
    const out = resolve(ROOT, 'var');
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, 'sample-annual-report.pdf'), pdf);
    if (process.argv.includes('--keep')) writeFileSync(resolve(out, 'sample-annual-report.html'), html);
    mkdirSync(resolve(PNG, '..'), { recursive: true });
    // First page only, at a resolution that reads on screen and keeps the file small.
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', resolve(out, 'sample-annual-report.pdf'), PNG.replace(/\.png$/, '')]);
    console.log(`wrote ${PNG} (${report.complaints} complaints, ${report.themes.length} themes)`);
  } finally {
    await renderer.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
