import type { DirectoryContact, RoutingFacts, RoutingRule } from './routing-rule';

/** Shared builders for the routing specs (not exported from the package). */
export function facts(overrides: Partial<RoutingFacts> = {}): RoutingFacts {
  return {
    organisationId: 'trust-a',
    sector: 'health',
    serviceArea: 'Maternity',
    themes: ['clinical-care', 'communication'],
    severity: 'medium',
    outcome: 'upheld',
    ...overrides,
  };
}

export function rule(overrides: Partial<RoutingRule> = {}): RoutingRule {
  return {
    id: 'r1',
    name: 'test rule',
    enabled: true,
    match: {},
    target: { kind: 'submitter-contacts' },
    mode: 'digest',
    includeBodyName: true,
    ...overrides,
  };
}

export function contact(id: string, overrides: Partial<DirectoryContact> = {}): DirectoryContact {
  return {
    id,
    organisationId: 'trust-a',
    organisationKind: 'public-body',
    sector: 'health',
    serviceAreas: [],
    themes: [],
    digest: 'daily',
    email: `${id}@example.org`,
    ...overrides,
  };
}
