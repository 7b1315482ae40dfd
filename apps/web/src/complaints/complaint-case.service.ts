import { Injectable } from '@nestjs/common';
import { ComplaintCaseRepository, type CaseDelivery, type CaseEvent, type ComplaintCaseViewer } from '@app/persistence';
import { ComplaintReader, type ComplaintReading } from '@app/persistence/complaints';
import type { Viewer } from '../session/web-session';
import { formatConfidence, formatDay, formatDayTime, outcomeName, SEVERITY_TAGS, STATUS_TAGS, themeName } from './complaint-display';
import { highlightEvidence } from './evidence-highlight';
import type { ReviewFormValues } from './review-form';

/** The reader's scope for a signed-in contact (the page's @WebAudience admits body and Ombudsman contacts only). */
export function readerScope(viewer: Viewer): ComplaintCaseViewer {
  return { organisationId: viewer.organisationId ?? '', isOmbudsman: viewer.role === 'ombudsman' };
}

const EVENT_TEXT: Record<string, string> = {
  'complaint.review.put': 'Labels corrected by a reviewer',
  'complaint.review.delete': "Review removed: the model's labels apply again",
  'dedup.merge': 'Marked as a duplicate',
  'dedup.unmerge': 'No longer marked as a duplicate',
};

const ACTOR_TEXT: Record<CaseEvent['actorKind'], string> = {
  contact: 'a signed-in person',
  organisation: 'the API',
  admin: 'the operator',
  system: 'the system',
};

const RULE_TEXT: Record<string, string> = {
  'same-complainant': 'Same complainant',
  'cross-body': 'Similar complaint at another body',
  near: 'Similar text',
  exact: 'Same text',
};

/**
 * Builds the case page: the API's view of the complaint (ComplaintReader, the same code as
 * `GET /v1/complaints/:id`) plus what only the page shows, every part scoped to the viewer.
 */
@Injectable()
export class ComplaintCaseService {
  constructor(
    private readonly reader: ComplaintReader,
    private readonly cases: ComplaintCaseRepository,
  ) {}

  /** Null when there is no such complaint for this viewer (another body's reads as missing). */
  async page(id: string, viewer: Viewer, form?: ReviewFormValues): Promise<Record<string, unknown> | null> {
    const scope = readerScope(viewer);
    const [reading, details] = await Promise.all([this.reader.read(id, scope), this.cases.details(id, scope)]);
    if (!reading || !details) return null;
    const linkedIds = [...reading.related.map((link) => link.id), reading.duplicateOf].filter((value): value is string => value !== null);
    const [references, deliveries, events] = await Promise.all([
      this.cases.referencesOf(linkedIds, scope),
      this.cases.deliveries(id),
      this.cases.events(id, details.organisationId),
    ]);
    const referenceOf = new Map(references.map((ref) => [ref.id, ref]));
    const classification = reading.classification;
    const evidence = classification?.themes.flatMap((theme) => theme.evidence) ?? [];
    const duplicate = reading.duplicateOf ? referenceOf.get(reading.duplicateOf) : undefined;

    return {
      complaint: {
        id: reading.id,
        reference: reading.reference,
        organisationName: details.organisationName,
        status: STATUS_TAGS[reading.status],
        failed: reading.status === 'failed',
        failureReason: reading.failureReason ?? 'Processing failed',
        receivedAt: formatDay(details.receivedAt),
        closedAt: formatDay(details.closedAt),
        serviceArea: details.serviceArea,
        outcome: outcomeName(details.outcome),
        summarySegments: details.redactedSummary === null ? null : highlightEvidence(details.redactedSummary, evidence),
        hasEvidence: evidence.length > 0,
        learningSummary: reading.learningSummary,
      },
      classification: classification && {
        source: classification.source,
        severity: SEVERITY_TAGS[classification.severity],
        version: classification.version,
        themes: classification.themes.map((theme) => ({
          name: themeName(theme.id),
          confidence: formatConfidence(theme.confidence),
          evidence: theme.evidence,
        })),
        suggestions: classification.suggestions.map((s) => ({ name: themeName(s.id), confidence: formatConfidence(s.confidence) })),
      },
      review: reading.review && {
        note: reading.review.note,
        updatedAt: formatDayTime(reading.review.updatedAt),
        modelThemes: reading.review.model.themes.map(themeName),
        modelSeverity: SEVERITY_TAGS[reading.review.model.severity].text,
      },
      reviewForm: classification
        ? form ?? { themes: classification.themes.map((theme) => theme.id), severity: classification.severity, note: reading.review?.note ?? '' }
        : null,
      duplicate: reading.duplicateOf ? { href: duplicate ? `/complaints/${duplicate.id}` : null, text: duplicate ? duplicate.reference : 'A case at another body' } : null,
      related: reading.related.map((link) => {
        const ref = link.id ? referenceOf.get(link.id) : undefined;
        return {
          href: ref ? `/complaints/${ref.id}` : null,
          text: ref ? (link.sameOrganisation ? ref.reference : `${ref.reference} (${ref.organisationName})`) : 'A case at another body',
          rule: RULE_TEXT[link.rule] ?? link.rule,
          similarity: link.similarity === null ? '' : `${Math.round(link.similarity * 100)}%`,
        };
      }),
      routing: routingView(deliveries, reading, details.organisationId, scope),
      history: [
        ...events.map((event) => ({ at: formatDayTime(event.at), text: `${EVENT_TEXT[event.action] ?? event.action}, by ${ACTOR_TEXT[event.actorKind]}` })),
        ...versionHistory(details),
      ],
    };
  }
}

/**
 * Who the complaint was routed to. The Ombudsman sees every contact with their address; a body
 * sees its own contacts by name and, for another body, only that it was told and how often:
 * never another body's contact details.
 */
function routingView(deliveries: CaseDelivery[], reading: ComplaintReading, ownerId: string, scope: ComplaintCaseViewer) {
  const mode = (value: string) => (value === 'immediate' ? 'Immediate alert' : 'Digest');
  const sent = (at: Date | null) => (at ? `Sent ${formatDayTime(at)}` : 'Not sent yet');
  const named = deliveries.filter((d) => scope.isOmbudsman || d.organisationId === scope.organisationId);
  const others = new Map<string, { organisation: string; contacts: number; sent: number }>();
  for (const d of deliveries) {
    if (scope.isOmbudsman || d.organisationId === scope.organisationId) continue;
    const entry = others.get(d.organisationId) ?? { organisation: d.organisationName, contacts: 0, sent: 0 };
    entry.contacts += 1;
    if (d.sentAt) entry.sent += 1;
    others.set(d.organisationId, entry);
  }
  return {
    contacts: named.map((d) => ({
      name: d.contactName,
      email: scope.isOmbudsman ? d.contactEmail : null,
      organisation: d.organisationName,
      ownBody: d.organisationId === ownerId,
      mode: mode(d.mode),
      shared: d.shared ? 'Anonymised learning' : 'Full case',
      status: sent(d.sentAt),
    })),
    otherBodies: [...others.values()].map((o) => ({ organisation: o.organisation, text: `${o.contacts} ${o.contacts === 1 ? 'contact' : 'contacts'}, ${o.sent} sent` })),
    empty: reading.routedTo.length === 0 && deliveries.length === 0,
  };
}

/** Only the current version's text is stored: a new version replaces the old one in place. */
function versionHistory(details: { version: number; processedVersion: number | null; acceptedAt: Date; statusChangedAt: Date; processedAt: Date | null }) {
  const rows: Array<{ at: string; text: string }> = [];
  if (details.version > 1) rows.push({ at: formatDayTime(details.statusChangedAt), text: `Version ${details.version} received (earlier versions are replaced, not kept)` });
  if (details.processedAt && details.processedVersion !== null) rows.push({ at: formatDayTime(details.processedAt), text: `Version ${details.processedVersion} processed` });
  rows.push({ at: formatDayTime(details.acceptedAt), text: 'First received by this service' });
  return rows;
}
