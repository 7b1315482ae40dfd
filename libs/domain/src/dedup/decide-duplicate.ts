import type { MinHashSignature } from './minhash';
import { EMPTY_CONTENT_HASH } from './normalise';
import type { ShingleSet } from './shingles';
import { NEAR_RULE, nearDuplicateScore, pairSignals, similarityOf, type NearRule } from './similarity';

export { similarityOf } from './similarity';

/** What the worker knows about a complaint for dedup; shingles preferred, signature as fallback. */
export interface DedupRecord {
  id: string;
  organisationId: string;
  /** The body's own case reference: the same reference again is a new version, not a duplicate. */
  reference: string;
  receivedAt: Date;
  exactHash: string;
  /** The stored set: word shingles and content words (stored-set.ts). */
  shingles?: ShingleSet;
  signature?: MinHashSignature;
  complainantHash?: string | null;
}

export type DedupStatus = 'original' | 'duplicate';

/** A previously processed complaint. A duplicate carries the id of its original. */
export interface DedupCandidate extends DedupRecord {
  status: DedupStatus;
  duplicateOf?: string | null;
}

export interface DedupOptions {
  /** Verified word-shingle Jaccard at or above which a same-organisation text is a near duplicate. */
  nearThreshold?: number;
  /** Content-word Jaccard that makes a near duplicate with shingle Jaccard ≥ shingleFloor. */
  wordThreshold?: number;
  /** Content-word containment that, with word Jaccard ≥ containmentWordFloor, does too. */
  containmentThreshold?: number;
  containmentWordFloor?: number;
  shingleFloor?: number;
  /** Jaccard at or above which a text at another body is linked as the same case. */
  relatedThreshold?: number;
  relatedWindowDays?: number;
  /** Pairs a person has unmerged; never made duplicates (either order), may still be related. */
  neverMerge?: ReadonlyArray<readonly [string, string]>;
  /**
   * When both records carry a complainant hash and the hashes differ, they are two people's
   * complaints, so never duplicates — protects short templated texts ("missed bin on [date]").
   */
  distinctComplainantsNeverDuplicate?: boolean;
}

/** The one source of the defaults: the worker's DEDUP_NEAR_THRESHOLD defaults to nearThreshold. */
export const DEFAULT_DEDUP_OPTIONS = {
  ...NEAR_RULE,
  relatedThreshold: 0.5,
  relatedWindowDays: 120,
  distinctComplainantsNeverDuplicate: true,
} as const;

/** 'manual': a person merged the pair by hand (POST /v1/complaints/:id/merge). */
export type DuplicateRule = 'exact' | 'near' | 'manual';
export type RelatedRule = 'cross-body' | 'same-complainant';

export interface RelatedLink {
  /** The related complaint; a candidate that is itself a duplicate is replaced by its original. */
  id: string;
  organisationId: string;
  rule: RelatedRule;
  similarity?: number;
}

export interface OriginalDecision {
  kind: 'original';
  related: RelatedLink[];
}

export interface DuplicateDecision {
  kind: 'duplicate';
  /** Always an original: the root of the candidate's chain. */
  of: string;
  /** The candidate whose text matched (differs from `of` when it was itself a duplicate). */
  matched: string;
  rule: DuplicateRule;
  similarity: number;
  related: RelatedLink[];
}

export type DedupDecision = OriginalDecision | DuplicateDecision;

interface ResolvedOptions {
  near: NearRule;
  relatedThreshold: number;
  relatedWindowMs: number;
  neverMerge: ReadonlySet<string>;
  distinctComplainantsNeverDuplicate: boolean;
}

interface DuplicateMatch {
  target: string;
  candidate: DedupCandidate;
  rule: DuplicateRule;
  similarity: number;
}

const DAY_MS = 86_400_000;

/** Order-independent key for a pair of complaint ids. */
export function pairKey(idA: string, idB: string): string {
  return idA < idB ? `${idA}\u0000${idB}` : `${idB}\u0000${idA}`;
}

function checkFraction(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  return value;
}

function resolveOptions(options: DedupOptions): ResolvedOptions {
  const windowDays = options.relatedWindowDays ?? DEFAULT_DEDUP_OPTIONS.relatedWindowDays;
  if (!(windowDays >= 0)) throw new RangeError(`relatedWindowDays must be >= 0, got ${windowDays}`);
  const fraction = (name: keyof NearRule) => checkFraction(name, options[name] ?? DEFAULT_DEDUP_OPTIONS[name]);
  return {
    near: {
      nearThreshold: fraction('nearThreshold'),
      wordThreshold: fraction('wordThreshold'),
      containmentThreshold: fraction('containmentThreshold'),
      containmentWordFloor: fraction('containmentWordFloor'),
      shingleFloor: fraction('shingleFloor'),
    },
    relatedThreshold: checkFraction('relatedThreshold', options.relatedThreshold ?? DEFAULT_DEDUP_OPTIONS.relatedThreshold),
    relatedWindowMs: windowDays * DAY_MS,
    neverMerge: new Set((options.neverMerge ?? []).map(([a, b]) => pairKey(a, b))),
    distinctComplainantsNeverDuplicate:
      options.distinctComplainantsNeverDuplicate ?? DEFAULT_DEDUP_OPTIONS.distinctComplainantsNeverDuplicate,
  };
}

function hasNoContent(record: DedupRecord): boolean {
  return record.exactHash === EMPTY_CONTENT_HASH;
}

/** The original a candidate stands for, or undefined when it cannot be a duplicate target. */
function originalOf(candidate: DedupCandidate, subjectId: string): string | undefined {
  const target = candidate.status === 'original' ? candidate.id : (candidate.duplicateOf ?? undefined);
  // A candidate that already points at the subject (a re-driven record) would make a cycle.
  return target === undefined || target === subjectId ? undefined : target;
}

function isDifferentCase(subject: DedupRecord, candidate: DedupCandidate): boolean {
  return candidate.id !== subject.id && candidate.reference !== subject.reference;
}

function complainantsDiffer(subject: DedupRecord, candidate: DedupRecord): boolean {
  return Boolean(subject.complainantHash && candidate.complainantHash && subject.complainantHash !== candidate.complainantHash);
}

function mayMerge(subject: DedupRecord, candidate: DedupCandidate, target: string, opts: ResolvedOptions): boolean {
  if (opts.neverMerge.has(pairKey(subject.id, candidate.id)) || opts.neverMerge.has(pairKey(subject.id, target))) return false;
  return !(opts.distinctComplainantsNeverDuplicate && complainantsDiffer(subject, candidate));
}

function duplicateMatch(subject: DedupRecord, candidate: DedupCandidate, opts: ResolvedOptions): DuplicateMatch | undefined {
  if (candidate.organisationId !== subject.organisationId || !isDifferentCase(subject, candidate)) return undefined;
  const target = originalOf(candidate, subject.id);
  if (target === undefined || !mayMerge(subject, candidate, target, opts)) return undefined;
  if (!hasNoContent(subject) && candidate.exactHash === subject.exactHash) {
    return { target, candidate, rule: 'exact', similarity: 1 };
  }
  const signals = pairSignals(subject, candidate);
  const similarity = signals && nearDuplicateScore(signals, opts.near);
  if (similarity === undefined) return undefined;
  return { target, candidate, rule: 'near', similarity };
}

/**
 * Deterministic preference: exact before near, then most similar, then a direct original
 * before one reached through a chain, then the earliest received, then the smallest ids.
 */
function compareMatches(x: DuplicateMatch, y: DuplicateMatch): number {
  if (x.rule !== y.rule) return x.rule === 'exact' ? -1 : 1;
  if (x.similarity !== y.similarity) return y.similarity - x.similarity;
  const xDirect = x.target === x.candidate.id;
  const yDirect = y.target === y.candidate.id;
  if (xDirect !== yDirect) return xDirect ? -1 : 1;
  const byTime = x.candidate.receivedAt.getTime() - y.candidate.receivedAt.getTime();
  if (byTime !== 0) return byTime;
  if (x.target !== y.target) return x.target < y.target ? -1 : 1;
  return x.candidate.id < y.candidate.id ? -1 : x.candidate.id > y.candidate.id ? 1 : 0;
}

function withinWindow(a: DedupRecord, b: DedupRecord, windowMs: number): boolean {
  return Math.abs(a.receivedAt.getTime() - b.receivedAt.getTime()) <= windowMs;
}

function relatedLinksFor(subject: DedupRecord, candidate: DedupCandidate, opts: ResolvedOptions): RelatedLink[] {
  if (candidate.organisationId === subject.organisationId || candidate.id === subject.id) return [];
  const id = candidate.status === 'duplicate' && candidate.duplicateOf ? candidate.duplicateOf : candidate.id;
  const similarity = similarityOf(subject, candidate);
  const base = { id, organisationId: candidate.organisationId, ...(similarity === undefined ? {} : { similarity }) };
  const links: RelatedLink[] = [];
  if (similarity !== undefined && similarity >= opts.relatedThreshold && withinWindow(subject, candidate, opts.relatedWindowMs)) {
    links.push({ ...base, rule: 'cross-body' });
  }
  if (subject.complainantHash && subject.complainantHash === candidate.complainantHash) {
    links.push({ ...base, rule: 'same-complainant' });
  }
  return links;
}

/** One link per (id, rule), keeping the highest similarity, in a stable order. */
function mergeLinks(links: RelatedLink[]): RelatedLink[] {
  const byKey = new Map<string, RelatedLink>();
  for (const link of links) {
    const key = `${link.rule}\u0000${link.id}`;
    const seen = byKey.get(key);
    if (!seen || (link.similarity ?? -1) > (seen.similarity ?? -1)) byKey.set(key, link);
  }
  return [...byKey.values()].sort((a, b) => (a.rule !== b.rule ? (a.rule < b.rule ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Decides whether `subject` repeats a complaint already on file and which complaints at
 * other bodies it should be linked to. Pure: the worker fetches candidates (exact-hash and
 * LSH band matches, same-complainant matches) and stores the answer.
 */
export function decideDuplicate(
  subject: DedupRecord,
  candidates: readonly DedupCandidate[],
  options: DedupOptions = {},
): DedupDecision {
  const opts = resolveOptions(options);
  const related = mergeLinks(candidates.flatMap((c) => relatedLinksFor(subject, c, opts)));
  const matches = candidates
    .map((c) => duplicateMatch(subject, c, opts))
    .filter((m): m is DuplicateMatch => m !== undefined)
    .sort(compareMatches);
  const best = matches[0];
  if (!best) return { kind: 'original', related };
  return { kind: 'duplicate', of: best.target, matched: best.candidate.id, rule: best.rule, similarity: best.similarity, related };
}
