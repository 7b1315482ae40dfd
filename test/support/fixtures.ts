/*
 * Test fixtures: one convention (issue #17).
 *
 * - Anything the product can create is created through the real API by the builders in this
 *   file: createOrganisation, createContact, complaintRecord and submitComplaints. Those that
 *   call the API take `(api, token, …)`; those with defaults take an `overrides` object last,
 *   for what a test cares about. They fail loudly if the API refuses: no half-made fixture.
 * - Rows the API cannot create (backdated history, a state from before a migration) are written
 *   by named builders in ./db-fixtures.ts, never by inline SQL in a spec. Reading rows back with
 *   SQL to assert stays in the spec.
 * - Expected values in assertions are literals, never values computed by the code under test.
 */
import type { DigestFrequency, Sector } from '@app/domain';
import type { ApiClient } from './api-client';

export interface CreatedOrganisation {
  id: string;
  apiKey: string;
}

export interface OrganisationOverrides {
  name?: string;
  kind?: 'public-body' | 'ombudsman';
  sector?: Sector;
  /** 'NHS trust' unless given; `type: undefined` sends none (as `closedAt: undefined` does in complaintRecord). */
  type?: string;
  region?: string;
}

export async function createOrganisation(api: ApiClient, adminToken: string, overrides: OrganisationOverrides = {}): Promise<CreatedOrganisation> {
  const response = await api.post<CreatedOrganisation>('/v1/organisations', {
    token: adminToken,
    body: {
      name: overrides.name ?? 'Riverside NHS Trust',
      kind: overrides.kind ?? 'public-body',
      sector: overrides.sector ?? 'health',
      type: 'type' in overrides ? overrides.type : 'NHS trust',
      region: overrides.region,
    },
  });
  if (response.status !== 201) throw new Error(`organisation not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface ContactOverrides {
  name?: string;
  email?: string;
  digest?: DigestFrequency;
  serviceAreas?: readonly string[];
  themes?: readonly string[];
}

export interface CreatedContact {
  id: string;
  organisationId: string;
  name: string;
  email: string;
}

/** A contact of an organisation; `token` is the admin token or the organisation's own API key. */
export async function createContact(api: ApiClient, token: string, organisationId: string, overrides: ContactOverrides = {}): Promise<CreatedContact> {
  const { name = 'Sam Jones', email = 'sam.jones@example.org', digest = 'none', ...lists } = overrides;
  const response = await api.post<{ id: string }>(`/v1/organisations/${organisationId}/contacts`, { token, body: { name, email, digest, ...lists } });
  if (response.status !== 201) throw new Error(`contact not created: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, organisationId, name, email };
}

let counter = 0;

/** A valid complaint record; each call gets a fresh reference unless one is given. */
export function complaintRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    reference: `REF-${Date.now()}-${counter}`,
    receivedAt: '2026-10-01T09:30:00Z',
    closedAt: '2026-10-20T16:00:00Z',
    serviceArea: 'Maternity',
    channel: 'email',
    summary: `The family were not told that the scan had been delayed for two weeks, case ${counter}, and nobody returned their calls.`,
    outcome: 'upheld',
    learning: 'Scan results are now phoned to parents within 24 hours and staff have had training.',
    remedies: ['apology', 'staff-training'],
    ...overrides,
  };
}

/** Submits records one at a time as the organisation with `apiKey`, in order; the complaint ids, in the same order. */
export async function submitComplaints(api: ApiClient, apiKey: string, records: Array<Record<string, unknown>>): Promise<string[]> {
  const ids: string[] = [];
  for (const body of records) {
    const response = await api.post<{ id: string }>('/v1/complaints', { token: apiKey, body });
    if (response.status !== 202) throw new Error(`complaint not accepted: ${response.status} ${JSON.stringify(response.body)}`);
    ids.push(response.body.id);
  }
  return ids;
}
