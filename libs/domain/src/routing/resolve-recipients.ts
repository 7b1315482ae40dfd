import { overlaps, serviceAreaIn } from './match-rules';
import type { Delivery, DirectoryContact, RoutingDirectory, RoutingFacts, RoutingRule, RoutingTarget } from './routing-rule';

/**
 * A contact's own interests: matching service area OR matching theme. A contact with
 * neither list set has asked for everything of its organisation.
 */
export function contactIsInterested(contact: DirectoryContact, facts: RoutingFacts): boolean {
  const hasAreas = contact.serviceAreas.length > 0;
  const hasThemes = contact.themes.length > 0;
  if (!hasAreas && !hasThemes) return true;
  return (hasAreas && serviceAreaIn(facts.serviceArea, contact.serviceAreas)) || (hasThemes && overlaps(contact.themes, facts.themes));
}

/**
 * Only an explicit theme subscription brings another body's learning: a contact with no
 * themes has asked for its own organisation's complaints, not for the sector's.
 */
function isSectorSubscriber(contact: DirectoryContact, facts: RoutingFacts): boolean {
  return contact.organisationId !== facts.organisationId && contact.sector === facts.sector && overlaps(contact.themes, facts.themes);
}

/** The contacts a target names. Submitter contacts are filtered by organisation first, so a
 * rule can never leak one body's learning to another body's contacts through that target. */
function contactsForTarget(target: RoutingTarget, facts: RoutingFacts, contacts: readonly DirectoryContact[]): DirectoryContact[] {
  switch (target.kind) {
    case 'submitter-contacts':
      return contacts.filter((c) => c.organisationId === facts.organisationId && contactIsInterested(c, facts));
    case 'organisations':
      return contacts.filter((c) => target.organisationIds.includes(c.organisationId) && contactIsInterested(c, facts));
    case 'sector-subscribers':
      return contacts.filter((c) => isSectorSubscriber(c, facts));
    case 'ombudsman':
      return contacts.filter((c) => c.organisationKind === 'ombudsman');
    default:
      return unknownTarget(target);
  }
}

/** Rules are data: a target kind written by a newer version is skipped, not fatal. */
function unknownTarget(_target: never): DirectoryContact[] {
  return [];
}

/** Contacts who chose no digest still get immediate alerts, but nothing is queued for a digest. */
function wantsMode(contact: DirectoryContact, rule: RoutingRule): boolean {
  return rule.mode === 'immediate' || contact.digest !== 'none';
}

function deliveryFor(contact: DirectoryContact, rule: RoutingRule, facts: RoutingFacts): Delivery {
  return {
    contactId: contact.id,
    organisationId: contact.organisationId,
    ruleId: rule.id,
    mode: rule.mode,
    shared: contact.organisationId !== facts.organisationId,
    includeBodyName: rule.includeBodyName,
  };
}

/** Same contact and mode from several rules: keep one, and the most private setting wins. */
function mergeDelivery(kept: Delivery, next: Delivery): Delivery {
  return kept.includeBodyName && !next.includeBodyName ? next : kept;
}

function compareDeliveries(a: Delivery, b: Delivery): number {
  if (a.contactId !== b.contactId) return a.contactId < b.contactId ? -1 : 1;
  if (a.mode !== b.mode) return a.mode === 'immediate' ? -1 : 1;
  return 0;
}

/**
 * Turns matched rules into deliveries, one per (contact, mode), sorted by contact then mode
 * (immediate first). Pure: the directory is plain data the worker loads.
 */
export function resolveRecipients(
  matchedRules: readonly RoutingRule[],
  facts: RoutingFacts,
  directory: RoutingDirectory,
): Delivery[] {
  const byKey = new Map<string, Delivery>();
  for (const rule of matchedRules) {
    if (!rule.enabled) continue;
    for (const contact of contactsForTarget(rule.target, facts, directory.contacts)) {
      if (!wantsMode(contact, rule)) continue;
      const key = `${contact.id}\u0000${rule.mode}`;
      const delivery = deliveryFor(contact, rule, facts);
      const kept = byKey.get(key);
      byKey.set(key, kept ? mergeDelivery(kept, delivery) : delivery);
    }
  }
  return [...byKey.values()].sort(compareDeliveries);
}
