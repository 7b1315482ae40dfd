import { severityRank } from '../model/taxonomy';
import type { RoutingFacts, RoutingMatch, RoutingRule } from './routing-rule';

/** Trimmed, lower-cased: service areas are free text typed by different people. */
export function normaliseServiceArea(area: string): string {
  return area.trim().toLowerCase();
}

/** An absent or empty list places no constraint. */
function unconstrained<T>(list: readonly T[] | undefined): list is undefined | readonly [] {
  return list === undefined || list.length === 0;
}

export function overlaps<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.some((value) => b.includes(value));
}

export function serviceAreaIn(area: string, areas: readonly string[]): boolean {
  const wanted = normaliseServiceArea(area);
  return areas.some((candidate) => normaliseServiceArea(candidate) === wanted);
}

function severityMatches(match: RoutingMatch, facts: RoutingFacts): boolean {
  return match.minSeverity === undefined || severityRank(facts.severity) >= severityRank(match.minSeverity);
}

/** True when every constrained field of the rule's match accepts the facts. */
export function ruleMatches(match: RoutingMatch, facts: RoutingFacts): boolean {
  return (
    (unconstrained(match.themes) || overlaps(match.themes, facts.themes)) &&
    severityMatches(match, facts) &&
    (unconstrained(match.sectors) || match.sectors.includes(facts.sector)) &&
    (unconstrained(match.serviceAreas) || serviceAreaIn(facts.serviceArea, match.serviceAreas)) &&
    (unconstrained(match.organisationIds) || match.organisationIds.includes(facts.organisationId)) &&
    (unconstrained(match.outcomes) || match.outcomes.includes(facts.outcome))
  );
}

/** The enabled rules whose match accepts the facts, in the order given. */
export function matchingRules(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingRule[] {
  return rules.filter((rule) => rule.enabled && ruleMatches(rule.match, facts));
}
