import type { DataSource, EntityManager } from 'typeorm';
import { queryRows, type IdRow } from './query-rows';

/** One planned email of a complaint: who gets it, under which rule, and what it may show. */
export interface DeliveryRow {
  complaintId: string;
  contactId: string;
  organisationId: string;
  sourceOrganisationId: string;
  ruleId: string;
  mode: string;
  shared: boolean;
  includeBodyName: boolean;
}

/**
 * Inserts planned deliveries in one statement; a delivery already planned (same complaint,
 * contact and mode: `delivery_once`) is left as it is. Returns the ids of the rows added.
 * The pipeline and a review's re-routing both plan deliveries this way.
 */
export function insertDeliveries(db: DataSource | EntityManager, rows: readonly DeliveryRow[]): Promise<IdRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return queryRows<IdRow>(
    db,
    `INSERT INTO delivery (complaint_id, contact_id, organisation_id, source_organisation_id, rule_id, mode, shared, include_body_name)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::boolean[], $8::boolean[])
     ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING
     RETURNING id`,
    [
      rows.map((r) => r.complaintId),
      rows.map((r) => r.contactId),
      rows.map((r) => r.organisationId),
      rows.map((r) => r.sourceOrganisationId),
      rows.map((r) => r.ruleId),
      rows.map((r) => r.mode),
      rows.map((r) => r.shared),
      rows.map((r) => r.includeBodyName),
    ],
  );
}
