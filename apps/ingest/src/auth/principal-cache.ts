import type { KeyPrincipal } from '@app/persistence';

/**
 * Remembers recent key look-ups so a busy organisation does not cost one query per request.
 * Revocation and suspension evict entries at once on every replica (PrincipalInvalidation);
 * the short TTL bounds how long a replica that missed the message (Redis away) can lag.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: KeyPrincipal | null; expires: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(hash: string, now = Date.now()): KeyPrincipal | null | undefined {
    const entry = this.entries.get(hash);
    if (!entry || entry.expires < now) return undefined;
    return entry.principal;
  }

  set(hash: string, principal: KeyPrincipal | null, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    // Unknown keys are remembered only briefly, so a newly issued key works at once.
    this.entries.set(hash, { principal, expires: now + (principal ? this.ttlMs : 1_000) });
  }

  /** Drops every key of the organisation (a key revoked, the body suspended or reinstated). */
  forgetOrganisation(organisationId: string): void {
    for (const [hash, entry] of this.entries) {
      if (entry.principal?.organisationId === organisationId) this.entries.delete(hash);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
