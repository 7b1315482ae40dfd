import type { Severity, ThemeId } from '@app/domain';
import type { DedupDecision } from '@app/domain/dedup';
import { matchingRules, resolveRecipients } from '@app/domain/routing';
import type { ComplaintOutcome, RoutingInputs } from '@app/persistence';
import type { AnalysedComplaint } from './complaint-analysis';

/** A human review's labels: they route the complaint instead of the model's (docs/reviews.md). */
export interface ReviewedLabels {
  themes: ThemeId[];
  severity: Severity;
}

/** Turns an analysed complaint and its dedup decision into the outcome to store. */
export function toOutcome(analysed: AnalysedComplaint, decision: DedupDecision, routing: RoutingInputs, reviewed?: ReviewedLabels): ComplaintOutcome {
  const { claim } = analysed;
  const duplicate = decision.kind === 'duplicate' ? decision : undefined;
  return {
    id: claim.id,
    version: claim.version,
    status: duplicate ? 'duplicate' : 'processed',
    duplicateOf: duplicate?.of ?? null,
    dedupReason: duplicate ? { rule: duplicate.rule, similarity: duplicate.similarity, matched: duplicate.matched } : null,
    related: decision.related.map((link) => ({ id: link.id, rule: link.rule, similarity: link.similarity })),
    // Duplicates teach nothing new: only originals are routed.
    deliveries: duplicate ? [] : route(analysed, routing, reviewed),
  };
}

function route(analysed: AnalysedComplaint, routing: RoutingInputs, reviewed: ReviewedLabels | undefined): ComplaintOutcome['deliveries'] {
  const { claim, understanding } = analysed;
  const submitter = routing.organisations.get(claim.organisationId);
  if (!submitter) return [];
  const facts = {
    organisationId: claim.organisationId,
    sector: submitter.sector,
    serviceArea: claim.serviceArea,
    themes: reviewed?.themes ?? understanding.classification.themes.map((theme) => theme.id),
    severity: reviewed?.severity ?? understanding.classification.severity,
    outcome: claim.outcome,
  };
  const rules = matchingRules(routing.rules, facts);
  return resolveRecipients(rules, facts, { contacts: routing.contacts }).map((delivery) => ({
    ...delivery,
    sourceOrganisationId: claim.organisationId,
  }));
}

/** A hand-made merge outlives reprocessing: it replaces whatever the rules decided. */
export function applyManualMerges(decisions: Map<string, DedupDecision>, mergeInto: Map<string, string>): void {
  for (const [id, into] of mergeInto) {
    const decision = decisions.get(id);
    if (!decision) continue;
    decisions.set(id, { kind: 'duplicate', of: into, matched: into, rule: 'manual', similarity: 1, related: decision.related });
  }
}
