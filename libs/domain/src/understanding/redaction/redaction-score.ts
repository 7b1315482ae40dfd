import { redact, type PiiKind } from './redact';

/**
 * Scores redaction against labelled text (scripts/eval-redaction.ts and the development-set
 * test). One line of a labelled set: {"id","field","text","pii":[{"kind","text"}]}, where each
 * pii text is an exact substring that must disappear.
 *
 * - Recall: a gold item is recalled when every non-space character of every occurrence of its
 *   text lies inside a span the redactor replaced.
 * - Precision: over the replaced spans; a span that overlaps no gold item is a false positive.
 * Spans are recovered by aligning the output with the input (redactedSpans).
 */
export interface LabelledRecord {
  readonly id: string;
  readonly field: string;
  readonly text: string;
  readonly pii: readonly { readonly kind: string; readonly text: string }[];
}

export interface KindScore {
  kind: string;
  gold: number;
  recalled: number;
  spans: number;
  truePositiveSpans: number;
}

export interface Miss {
  readonly id: string;
  readonly kind: string;
  readonly text: string;
}

interface Span {
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

const PLACEHOLDER = /\[(email|phone|nhs-number|ni-number|postcode|date-of-birth|address|name|age)\]/g;

/**
 * The input spans each placeholder replaced. The output is the input with spans swapped for
 * placeholders, so it is matched against the input as a pattern: literal text as itself, each
 * placeholder as a non-empty lazy group, anchored at both ends. Anchoring matters: a literal
 * "." after "[email]" must be the full stop after the address, not the first dot inside it.
 * Eval-only code (backtracking is fine on records of a few thousand characters).
 */
export function redactedSpans(input: string, output: string): Span[] {
  const kinds: string[] = [];
  let pattern = '';
  let at = 0;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(output); m !== null; m = PLACEHOLDER.exec(output)) {
    pattern += `${escape(output.slice(at, m.index))}([\\s\\S]+?)`;
    kinds.push(m[1]);
    at = m.index + m[0].length;
  }
  if (kinds.length === 0) return [];
  const match = new RegExp(`^${pattern}${escape(output.slice(at))}$`, 'd').exec(input);
  if (match === null || match.indices === undefined) return [];
  const spans: Span[] = [];
  kinds.forEach((kind, i) => {
    const where = match.indices?.[i + 1];
    if (where !== undefined) spans.push({ kind, start: where[0], end: where[1] });
  });
  return spans;
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function occurrences(text: string, needle: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let at = text.indexOf(needle); at >= 0 && needle !== ''; at = text.indexOf(needle, at + needle.length)) {
    found.push({ start: at, end: at + needle.length });
  }
  return found;
}

function covered(text: string, start: number, end: number, spans: readonly Span[]): boolean {
  for (let i = start; i < end; i += 1) {
    if (/\s/.test(text[i])) continue;
    if (!spans.some((s) => s.start <= i && i < s.end)) return false;
  }
  return true;
}

function entry(scores: Map<string, KindScore>, kind: string): KindScore {
  let score = scores.get(kind);
  if (score === undefined) {
    score = { kind, gold: 0, recalled: 0, spans: 0, truePositiveSpans: 0 };
    scores.set(kind, score);
  }
  return score;
}

export interface ScoreReport {
  readonly byKind: KindScore[];
  readonly misses: Miss[];
  readonly falsePositives: Miss[];
}

export function scoreRedaction(records: readonly LabelledRecord[], redactText: (text: string) => string = (t) => redact(t).text): ScoreReport {
  const scores = new Map<string, KindScore>();
  const misses: Miss[] = [];
  const falsePositives: Miss[] = [];
  for (const record of records) {
    const spans = redactedSpans(record.text, redactText(record.text));
    const goldSpans = record.pii.flatMap((p) => occurrences(record.text, p.text));
    for (const item of record.pii) {
      const score = entry(scores, item.kind);
      score.gold += 1;
      const where = occurrences(record.text, item.text);
      if (where.length > 0 && where.every((o) => covered(record.text, o.start, o.end, spans))) score.recalled += 1;
      else misses.push({ id: record.id, kind: item.kind, text: item.text });
    }
    for (const span of spans) {
      const score = entry(scores, span.kind);
      score.spans += 1;
      if (goldSpans.some((g) => g.start < span.end && span.start < g.end)) score.truePositiveSpans += 1;
      else falsePositives.push({ id: record.id, kind: span.kind, text: record.text.slice(span.start, span.end) });
    }
  }
  return { byKind: [...scores.values()].sort((a, b) => a.kind.localeCompare(b.kind)), misses, falsePositives };
}

export const recallOf = (s: KindScore): number => (s.gold === 0 ? 1 : s.recalled / s.gold);
export const precisionOf = (s: KindScore): number => (s.spans === 0 ? 1 : s.truePositiveSpans / s.spans);

export type { PiiKind };
