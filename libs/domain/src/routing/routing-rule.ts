import type {
  DigestFrequency,
  OrganisationKind,
  Outcome,
  Sector,
  Severity,
  ThemeId,
} from '../model/taxonomy';

/**
 * Routing rules are data (stored by the persistence layer, edited through admin endpoints),
 * so these types are plain JSON-shaped objects with no behaviour.
 */

/** Every present, non-empty field must match; an absent or empty field matches anything. */
export interface RoutingMatch {
  /** Any overlap with the complaint's themes. */
  themes?: readonly ThemeId[];
  /** At or above this severity. */
  minSeverity?: Severity;
  /** The submitting organisation's sector. */
  sectors?: readonly Sector[];
  /** The complaint's service area, compared trimmed and case-insensitively. */
  serviceAreas?: readonly string[];
  /** The submitting organisation. */
  organisationIds?: readonly string[];
  outcomes?: readonly Outcome[];
}

export const ROUTING_TARGET_KINDS = ['submitter-contacts', 'organisations', 'sector-subscribers', 'ombudsman'] as const;
export type RoutingTargetKind = (typeof ROUTING_TARGET_KINDS)[number];

export type RoutingTarget =
  | { kind: 'submitter-contacts' }
  | { kind: 'organisations'; organisationIds: readonly string[] }
  | { kind: 'sector-subscribers' }
  | { kind: 'ombudsman' };

export const DELIVERY_MODES = ['immediate', 'digest'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface RoutingRule {
  id: string;
  name: string;
  enabled: boolean;
  match: RoutingMatch;
  target: RoutingTarget;
  mode: DeliveryMode;
  /** False hides the submitting body's name from recipients (anonymised sharing). */
  includeBodyName: boolean;
}

/** What routing needs to know about one processed complaint. */
export interface RoutingFacts {
  organisationId: string;
  sector: Sector;
  serviceArea: string;
  themes: readonly ThemeId[];
  severity: Severity;
  outcome: Outcome;
}

/** A contact as the worker loads it, with its organisation's kind and sector denormalised. */
export interface DirectoryContact {
  id: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  sector: Sector;
  serviceAreas: readonly string[];
  themes: readonly ThemeId[];
  digest: DigestFrequency;
  email: string;
}

export interface RoutingDirectory {
  contacts: readonly DirectoryContact[];
}

export interface Delivery {
  contactId: string;
  organisationId: string;
  /** The rule that decided this delivery (after merging, the one whose privacy setting won). */
  ruleId: string;
  mode: DeliveryMode;
  /** True when the recipient's organisation is not the submitting organisation. */
  shared: boolean;
  includeBodyName: boolean;
}
