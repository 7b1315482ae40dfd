import type { EntityManager } from 'typeorm';
import type { Classification, OrganisationKind, Sector, Severity, ThemeId } from '@app/domain';
import { shinglesToBuffer, type ShingleSet } from '@app/domain/dedup';
import type { DirectoryContact, RoutingRule } from '@app/domain/routing';
import { insertDeliveries, type DeliveryRow } from './delivery-rows';
import { loadDecidedSince, type CandidateKeys, type RecentDecisions } from './dedup-candidates';
import { execute, queryRows } from './query-rows';

export interface Overrides {
  neverMerge: Array<[string, string]>;
  mergeInto: Map<string, string>;
}

export interface OrganisationFacts {
  id: string;
  name: string;
  kind: OrganisationKind;
  sector: Sector;
}

export interface RoutingInputs {
  rules: RoutingRule[];
  contacts: DirectoryContact[];
  organisations: Map<string, OrganisationFacts>;
}

/** What the worker understood of one complaint version, before any dedup decision. */
export interface UnderstandingRow {
  id: string;
  version: number;
  /** Redacted (a service area can hold a person's name); absent keeps the stored one. */
  serviceArea?: string;
  redactedSummary: string;
  redactedLearning: string | null;
  classification: Classification;
  learningSummary: string;
  exactHash: string;
  shingles: ShingleSet;
  /** LSH band keys: the index later complaints find this one by. */
  bands: string[];
  /** The keys an earlier understanding stored, removed from the index first. */
  storedBands: string[] | null;
  /** How unsure the classifier was, 0..1 (libs/domain/src/review): the review queue's order. */
  uncertainty?: number | null;
}

/** The dedup decision and routing of one complaint version, written one statement per table. */
export interface ComplaintOutcome {
  id: string;
  version: number;
  status: 'processed' | 'duplicate';
  duplicateOf: string | null;
  dedupReason: Record<string, unknown> | null;
  related: Array<{ id: string; rule: string; similarity?: number }>;
  deliveries: Array<Omit<DeliveryRow, 'complaintId'>>;
}

/**
 * The worker's view of PostgreSQL for one batch. Methods other than `saveUnderstanding` and
 * `loadRoutingInputs` run inside the dedup transaction, under its advisory lock.
 */
export class PipelineResultsTransaction {
  constructor(private readonly em: EntityManager) {}

  /** What was decided since the candidate snapshot: the only look-up made under the lock. */
  loadDecidedSince(watermark: string, keys: CandidateKeys): Promise<RecentDecisions> {
    return loadDecidedSince(this.em, watermark, keys);
  }

  /** Reviewed labels, read under the lock: they, not the model's, decide routing (docs/reviews.md). */
  async loadReviewedLabels(ids: string[]): Promise<Map<string, { themes: ThemeId[]; severity: Severity }>> {
    const rows = await queryRows<{ id: string; themes: ThemeId[]; severity: Severity }>(
      this.em,
      `SELECT complaint_id AS id, themes, severity FROM complaint_review WHERE complaint_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { themes: row.themes, severity: row.severity }]));
  }

  async loadOverrides(ids: string[]): Promise<Overrides> {
    const rows = await queryRows<{ complaintId: string; otherId: string; kind: string }>(
      this.em,
      `SELECT complaint_id AS "complaintId", other_id AS "otherId", kind FROM dedup_override
       WHERE complaint_id = ANY($1::uuid[]) OR other_id = ANY($1::uuid[])`,
      [ids],
    );
    const overrides: Overrides = { neverMerge: [], mergeInto: new Map() };
    for (const row of rows) {
      if (row.kind === 'never-merge') overrides.neverMerge.push([row.complaintId, row.otherId]);
      else overrides.mergeInto.set(row.complaintId, row.otherId);
    }
    return overrides;
  }

  async loadRoutingInputs(submitters: string[], themes: ThemeId[]): Promise<RoutingInputs> {
    const rules = await queryRows<RoutingRule>(
      this.em,
      `SELECT id, name, enabled, match, target, mode, include_body_name AS "includeBodyName" FROM routing_rule WHERE enabled`,
    );
    const named = rules.flatMap((rule) => (rule.target.kind === 'organisations' ? [...rule.target.organisationIds] : []));
    const organisations = await queryRows<OrganisationFacts>(
      this.em,
      `SELECT id, name, kind, sector FROM organisation WHERE id = ANY($1::uuid[])`,
      [submitters],
    );
    const sectors = [...new Set(organisations.map((org) => org.sector))];
    const contacts = await queryRows<DirectoryContact>(
      this.em,
      `SELECT ct.id, ct.organisation_id AS "organisationId", o.kind AS "organisationKind", o.sector,
              ct.service_areas AS "serviceAreas", ct.themes, ct.digest, ct.email
       FROM contact ct JOIN organisation o ON o.id = ct.organisation_id
       WHERE ct.organisation_id = ANY($1::uuid[]) OR ct.organisation_id = ANY($2::uuid[]) OR o.kind = 'ombudsman'
          OR (o.sector = ANY($3::text[]) AND ct.themes && $4::text[])`,
      [submitters, named, sectors, themes],
    );
    return { rules, contacts, organisations: new Map(organisations.map((org) => [org.id, org])) };
  }

  /**
   * What the worker understood of each complaint, and its band keys. Written before the dedup
   * lock is taken: it depends on nothing but the record, and the status stays `processing`
   * until the decision is saved, so nobody counts, routes or matches it in between (look-ups
   * join the band index to decided complaints only).
   */
  async saveUnderstanding(rows: UnderstandingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.removeStoredBands(rows);
    await execute(
      this.em,
      `WITH understood AS (
         UPDATE complaint c SET
           status = 'processing', status_changed_at = now(), attempts = c.attempts + 1,
           service_area = COALESCE(u.service_area, c.service_area), redacted_summary = u.redacted_summary, redacted_learning = u.redacted_learning,
           classification = u.classification, classifier_version = u.classification->>'version',
           -- A human review wins over any reclassification (docs/reviews.md).
           severity = coalesce(r.severity, u.classification->>'severity'), themes = coalesce(r.themes, string_to_array(u.themes, ',')),
           label_uncertainty = u.uncertainty,
           learning_summary = u.learning_summary, exact_hash = u.exact_hash, shingles = u.shingles,
           bands = string_to_array(u.bands, ',')::bigint[]
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::text[], $9::bytea[], $10::text[], $11::text[], $12::real[])
           AS u(id, version, redacted_summary, redacted_learning, classification, themes, learning_summary, exact_hash, shingles, bands, service_area, uncertainty)
           LEFT JOIN complaint_review r ON r.complaint_id = u.id
         WHERE c.id = u.id AND c.version = u.version AND c.status IN ('received', 'processing')
         RETURNING c.id, c.received_at, c.bands)
       INSERT INTO complaint_band (band, complaint_id, received_at)
       SELECT k.band, understood.id, understood.received_at FROM understood CROSS JOIN LATERAL unnest(understood.bands) AS k(band)
       ON CONFLICT DO NOTHING`,
      [
        rows.map((o) => o.id),
        rows.map((o) => o.version),
        rows.map((o) => o.redactedSummary),
        rows.map((o) => o.redactedLearning),
        rows.map((o) => JSON.stringify(o.classification)),
        rows.map((o) => o.classification.themes.map((t) => t.id).join(',')),
        rows.map((o) => o.learningSummary),
        rows.map((o) => o.exactHash),
        rows.map((o) => shinglesToBuffer(o.shingles)),
        rows.map((o) => o.bands.join(',')),
        rows.map((o) => o.serviceArea ?? null),
        rows.map((o) => o.uncertainty ?? null),
      ],
    );
  }

  /** Band rows of an earlier understanding (a new version, a reclassification), found by key. */
  private async removeStoredBands(rows: UnderstandingRow[]): Promise<void> {
    const stored = rows.flatMap((row) => (row.storedBands ?? []).map((band) => ({ band, id: row.id })));
    if (stored.length === 0) return;
    await execute(
      this.em,
      `DELETE FROM complaint_band b USING unnest($1::bigint[], $2::uuid[]) AS o(band, complaint_id)
       WHERE b.band = o.band AND b.complaint_id = o.complaint_id`,
      [stored.map((s) => s.band), stored.map((s) => s.id)],
    );
  }

  /**
   * The dedup decision, links and deliveries, written under the dedup lock. Each decision takes
   * the next number, so batches that read their candidates earlier find it. Returns the
   * outcomes saved: those whose version was still waiting for its decision.
   */
  async saveDecisions(outcomes: ComplaintOutcome[]): Promise<ComplaintOutcome[]> {
    if (outcomes.length === 0) return [];
    // The first decision for a version wins: a second run of the same job (a stalled job
    // recovered while the first run was still alive) finds it decided and writes nothing.
    const decided = await queryRows<{ id: string }>(
      this.em,
      `UPDATE complaint c SET
         status = u.status, duplicate_of = u.duplicate_of, dedup_reason = u.dedup_reason,
         processed_version = c.version, processed_at = now(), status_changed_at = now(), failure_reason = NULL,
         decided_seq = nextval('complaint_decision_seq')
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::jsonb[]) AS u(id, version, status, duplicate_of, dedup_reason)
       WHERE c.id = u.id AND c.version = u.version AND c.status IN ('received', 'processing')
       RETURNING c.id`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.version),
        outcomes.map((o) => o.status),
        outcomes.map((o) => o.duplicateOf),
        outcomes.map((o) => (o.dedupReason ? JSON.stringify(o.dedupReason) : null)),
      ],
    );
    const ids = new Set(decided.map((row) => row.id));
    const saved = outcomes.filter((outcome) => ids.has(outcome.id));
    await this.insertLinks(saved);
    await this.insertDeliveries(saved);
    return saved;
  }

  private async insertLinks(outcomes: ComplaintOutcome[]): Promise<void> {
    const links = outcomes.flatMap((o) =>
      o.related.flatMap((link) => [
        [o.id, link.id, link.rule, link.similarity ?? null] as const,
        [link.id, o.id, link.rule, link.similarity ?? null] as const,
      ]),
    );
    if (links.length === 0) return;
    await execute(
      this.em,
      `INSERT INTO complaint_link (complaint_id, related_id, rule, similarity)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::real[]) ON CONFLICT DO NOTHING`,
      [links.map((l) => l[0]), links.map((l) => l[1]), links.map((l) => l[2]), links.map((l) => l[3])],
    );
  }

  private async insertDeliveries(outcomes: ComplaintOutcome[]): Promise<void> {
    await insertDeliveries(this.em, outcomes.flatMap((o) => o.deliveries.map((d) => ({ complaintId: o.id, ...d }))));
  }
}
