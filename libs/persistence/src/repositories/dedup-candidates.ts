import type { EntityManager } from 'typeorm';
import { bandsQualify, shinglesFromBuffer, WORD_LSH_FIRST_BAND, type StoredCandidate } from '@app/domain/dedup';
import { queryRows } from './query-rows';

/** Caps the band hits of one batch: a boilerplate band must not drag in half the table. */
const MAX_CANDIDATES = 5_000;
/** Holders read per band, most recently received first: a band shared by more is boilerplate. */
const HOLDERS_PER_BAND = 32;
/**
 * Holders read per content-word band (dedup-v2, band index ≥ 64 in the key's top byte). A
 * content-word band is three MinHash rows of a bag of words, so in real text it is crowded far
 * more often than a shingle band; a light edit shares ~7 of them and most shingle bands too,
 * so fewer holders per word band keep the look-up within budget without losing it.
 */
const HOLDERS_PER_WORD_BAND = 8;
/** Decisions read per round trip under the lock; a snapshot is seconds old, so one page is usual. */
const DECIDED_PAGE = 2_000;
/** Stored complaints compared in full with each subject, best band matches first. */
const CANDIDATES_PER_SUBJECT = 12;

export interface CandidateKeys {
  bands: string[];
  /** Each subject's own band keys, to pick its best candidates. */
  subjectBands: string[][];
  /** Exact copies count only within one organisation, so the look-up is by (organisation, hash). */
  exactKeys: Array<{ organisationId: string; exactHash: string }>;
  complainantHashes: string[];
  excludeIds: string[];
}

/** What was decided since a snapshot: new or changed candidates, and ids no longer decided. */
export interface RecentDecisions {
  candidates: StoredCandidate[];
  withdrawn: string[];
}

/** Candidates as of one moment: every decision numbered up to `watermark` is among them. */
export interface CandidateSnapshot {
  watermark: string;
  candidates: StoredCandidate[];
}

const CANDIDATE_COLUMNS = `c.id, c.organisation_id AS "organisationId", c.reference, c.received_at AS "receivedAt",
  c.exact_hash AS "exactHash", c.shingles, c.complainant_hash AS "complainantHash", c.status, c.duplicate_of AS "duplicateOf"`;

const DECIDED = `c.status IN ('processed', 'duplicate') AND c.shingles IS NOT NULL`;

/**
 * Reads the candidates without the dedup lock. Two steps: band hits first (ids and matched
 * bands only, cheap), then the shingles of the few best-matching complaints per subject.
 * Templated text shares a band with many unrelated complaints; a true near duplicate shares
 * many bands, so ranking by shared bands keeps the verified comparisons few without losing it.
 * Each band is read for its most recent holders only, so the cost stays bounded however many
 * complaints share a boilerplate band; an older duplicate behind one is found by its rarer
 * bands, and an exact copy by its hash.
 *
 * The watermark is read first. Decisions are numbered under the dedup lock and committed
 * before it is released, so every decision numbered up to the watermark was already visible
 * when the queries below started; later ones are found by `loadDecidedSince`.
 */
export async function loadCandidateSnapshot(em: EntityManager, keys: CandidateKeys): Promise<CandidateSnapshot> {
  const [{ watermark }] = await queryRows<{ watermark: string }>(
    em,
    `SELECT coalesce(max(decided_seq), 0)::text AS watermark FROM complaint`,
  );
  const hits = await queryRows<{ id: string; bands: string[] }>(
    em,
    `SELECT h.complaint_id AS id, array_agg(q.band::text) AS bands
     FROM unnest($1::bigint[]) AS q(band)
     CROSS JOIN LATERAL (SELECT b.complaint_id FROM complaint_band b WHERE b.band = q.band
                         ORDER BY b.received_at DESC
                         LIMIT CASE WHEN ((q.band >> 56) & 255) >= ${WORD_LSH_FIRST_BAND} THEN ${HOLDERS_PER_WORD_BAND} ELSE ${HOLDERS_PER_BAND} END) h
     WHERE NOT (h.complaint_id = ANY($2::uuid[]))
     GROUP BY h.complaint_id ORDER BY count(*) DESC LIMIT ${MAX_CANDIDATES}`,
    [keys.bands, keys.excludeIds],
  );
  const bandsOf = new Map(hits.map((hit) => [hit.id, hit.bands]));
  const rows = await queryRows<CandidateRow>(
    em,
    `SELECT ${CANDIDATE_COLUMNS}
     FROM complaint c
     WHERE (c.id = ANY($1::uuid[])
            OR (c.organisation_id = ANY($2::uuid[]) AND c.exact_hash = ANY($3::text[]))
            OR c.complainant_hash = ANY($4::text[]))
       AND ${DECIDED} AND NOT (c.id = ANY($5::uuid[]))`,
    [
      selectPerSubject(keys.subjectBands, hits),
      [...new Set(keys.exactKeys.map((key) => key.organisationId))],
      [...new Set(keys.exactKeys.map((key) => key.exactHash))],
      keys.complainantHashes,
      keys.excludeIds,
    ],
  );
  return { watermark, candidates: rows.map((row) => toCandidate(row, bandsOf.get(row.id) ?? [])) };
}

/**
 * Complaints decided after the snapshot (by batches that held the dedup lock meanwhile) that
 * share a band, an exact copy or a complainant with the batch. Called under the lock, where
 * it is the only look-up: the decisions numbered since the watermark are few, so they are all
 * read (with their band keys) and matched here rather than by the planner.
 */
export async function loadDecidedSince(em: EntityManager, watermark: string, keys: CandidateKeys): Promise<RecentDecisions> {
  const ids = await decidedSince(em, watermark);
  const rows = await queryRows<CandidateRow & { bands: string[] | null; decided: boolean }>(
    em,
    `SELECT ${CANDIDATE_COLUMNS}, ${DECIDED} AS decided,
            c.bands::text[] AS bands
     FROM complaint c
     WHERE c.id = ANY($1::uuid[]) AND NOT (c.id = ANY($2::uuid[]))`,
    [ids, keys.excludeIds],
  );
  const bands = new Set(keys.bands);
  const exact = new Set(keys.exactKeys.map((key) => `${key.organisationId}:${key.exactHash}`));
  const complainants = new Set(keys.complainantHashes);
  const recent: RecentDecisions = { candidates: [], withdrawn: [] };
  for (const row of rows) {
    // Unmerged by hand since the snapshot: queued again, no longer a candidate.
    if (!row.decided) {
      recent.withdrawn.push(row.id);
      continue;
    }
    const shared = (row.bands ?? []).filter((band) => bands.has(band));
    const related =
      shared.length > 0 || exact.has(`${row.organisationId}:${row.exactHash}`) || (row.complainantHash !== null && complainants.has(row.complainantHash));
    if (related) recent.candidates.push(toCandidate(row, shared));
  }
  return recent;
}

/**
 * Ids numbered after the watermark, in pages along the decision index. Ordered and limited so
 * the planner walks the index even when the table has no statistics yet (a plain range test
 * was planned as a scan of the whole table, under the lock).
 */
async function decidedSince(em: EntityManager, watermark: string): Promise<string[]> {
  const ids: string[] = [];
  let after = watermark;
  for (;;) {
    const page = await queryRows<{ id: string; seq: string }>(
      em,
      `SELECT id, decided_seq::text AS seq FROM complaint WHERE decided_seq > $1::bigint ORDER BY decided_seq LIMIT ${DECIDED_PAGE}`,
      [after],
    );
    ids.push(...page.map((row) => row.id));
    if (page.length < DECIDED_PAGE) return ids;
    after = page[page.length - 1].seq;
  }
}

/** The snapshot's candidates brought up to date with what was decided since. */
export function mergeCandidates(snapshot: StoredCandidate[], recent: RecentDecisions): StoredCandidate[] {
  const byId = new Map(snapshot.map((candidate) => [candidate.id, candidate]));
  for (const id of recent.withdrawn) byId.delete(id);
  for (const candidate of recent.candidates) byId.set(candidate.id, candidate);
  return [...byId.values()];
}

function selectPerSubject(subjectBands: string[][], hits: Array<{ id: string; bands: string[] }>): string[] {
  const idsByBand = new Map<string, string[]>();
  for (const hit of hits) {
    for (const band of hit.bands) {
      const ids = idsByBand.get(band);
      if (ids) ids.push(hit.id);
      else idsByBand.set(band, [hit.id]);
    }
  }
  const chosen = new Set<string>();
  for (const bands of subjectBands) {
    const shared = new Map<string, string[]>();
    for (const band of bands) {
      for (const id of idsByBand.get(band) ?? []) {
        const keys = shared.get(id);
        if (keys) keys.push(band);
        else shared.set(id, [band]);
      }
    }
    // A complaint met through a single content-word band only is chance (bandsQualify).
    [...shared.entries()]
      .filter(([, keys]) => bandsQualify(keys))
      .sort((a, b) => b[1].length - a[1].length)
      .slice(0, CANDIDATES_PER_SUBJECT)
      .forEach(([id]) => chosen.add(id));
  }
  return [...chosen];
}

interface CandidateRow {
  id: string;
  organisationId: string;
  reference: string;
  receivedAt: Date;
  exactHash: string;
  shingles: Buffer;
  complainantHash: string | null;
  status: string;
  duplicateOf: string | null;
}

function toCandidate(row: CandidateRow, bands: string[]): StoredCandidate {
  return {
    id: row.id,
    organisationId: row.organisationId,
    reference: row.reference,
    receivedAt: row.receivedAt,
    exactHash: row.exactHash,
    shingles: shinglesFromBuffer(row.shingles),
    complainantHash: row.complainantHash,
    status: row.status === 'duplicate' ? 'duplicate' : 'original',
    duplicateOf: row.duplicateOf,
    bands,
  };
}
