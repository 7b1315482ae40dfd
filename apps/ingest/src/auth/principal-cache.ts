import type { OrganisationPrincipal } from '@app/persistence';

/**
 * Remembers recent key look-ups so a busy organisation does not cost one query per request.
 * Entries expire quickly: organisations are never re-keyed in place, only created.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: OrganisationPrincipal | null; expires: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(hash: string, now = Date.now()): OrganisationPrincipal | null | undefined {
    const entry = this.entries.get(hash);
    if (!entry || entry.expires < now) return undefined;
    return entry.principal;
  }

  set(hash: string, principal: OrganisationPrincipal | null, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    // Unknown keys are remembered only briefly, so a newly created key works at once.
    this.entries.set(hash, { principal, expires: now + (principal ? this.ttlMs : 1_000) });
  }
}
