import { EVALUATION_SETS, type Evaluation } from '@app/domain/model-registry';
import { THEME_IDS } from '@app/domain';
import type { ThemeAgreementRow } from '@app/persistence';
import type { TrainingOutcome } from './candidate-training';

const fmt = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(3));
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;

/** The candidate against the active model on the three sets, the gate's decision and its reason (markdown). */
export function formatTrainingOutcome(outcome: TrainingOutcome): string {
  const lines = [
    `## Candidate ${outcome.version} against active ${outcome.activeVersion}`,
    '',
    `trained on ${outcome.counts.corpus} corpus examples + ${outcome.counts.reviewsTrained} reviews; judged on held-out ${outcome.counts.corpusHeldOut}, independent ${outcome.counts.independent}, reviews held out ${outcome.counts.reviewsHeldOut}`,
    `artefact sha256 ${outcome.artefactHash}`,
    '',
    '| set | n | active micro-F1 | candidate micro-F1 | change | active macro-F1 | candidate macro-F1 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...EVALUATION_SETS.map((set) => {
      const a = outcome.active[set];
      const c = outcome.candidate[set];
      return `| ${set} | ${c.n} | ${fmt(a.microF1)} | ${fmt(c.microF1)} | ${signed(c.microF1 - a.microF1)} | ${fmt(a.macroF1)} | ${fmt(c.macroF1)} |`;
    }),
    '',
    themeTable(outcome.active, outcome.candidate),
    '',
    `**decision: ${outcome.decision.promote ? 'promoted' : 'not promoted'}** — ${outcome.decision.reason}`,
    `registry: ${outcome.row.version} is ${outcome.row.status}`,
  ];
  return lines.join('\n');
}

function themeTable(active: Evaluation, candidate: Evaluation): string {
  const header = `| theme | ${EVALUATION_SETS.map((s) => `${s} active | ${s} candidate`).join(' | ')} |`;
  const rule = `|---|${EVALUATION_SETS.map(() => '---:|---:').join('|')}|`;
  const rows = THEME_IDS.map((theme) => `| ${theme} | ${EVALUATION_SETS.map((s) => `${fmt(active[s].perTheme[theme]?.f1)} | ${fmt(candidate[s].perTheme[theme]?.f1)}`).join(' | ')} |`);
  return ['per-theme F1', '', header, rule, ...rows].join('\n');
}

/** Per theme: what reviewers added to, removed from and confirmed of the model's labels. */
export function formatAgreement(rows: readonly ThemeAgreementRow[]): string {
  const total = rows.reduce((t, r) => ({ added: t.added + r.added, removed: t.removed + r.removed, confirmed: t.confirmed + r.confirmed }), { added: 0, removed: 0, confirmed: 0 });
  return [
    '| theme | added by reviewers | removed by reviewers | confirmed |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.theme} | ${r.added} | ${r.removed} | ${r.confirmed} |`),
    `| **all** | ${total.added} | ${total.removed} | ${total.confirmed} |`,
  ].join('\n');
}
