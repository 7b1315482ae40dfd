import type { Sector } from '@app/domain';
import type { ApiClient } from './api-client';

export interface CreatedOrganisation {
  id: string;
  apiKey: string;
}

export async function createOrganisation(
  api: ApiClient,
  adminToken: string,
  overrides: { name?: string; kind?: 'public-body' | 'ombudsman'; sector?: Sector } = {},
): Promise<CreatedOrganisation> {
  const response = await api.post<CreatedOrganisation>('/v1/organisations', {
    token: adminToken,
    body: { name: overrides.name ?? 'Riverside NHS Trust', kind: overrides.kind ?? 'public-body', sector: overrides.sector ?? 'health', type: 'NHS trust' },
  });
  if (response.status !== 201) throw new Error(`organisation not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
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
