import { createHash } from 'node:crypto';

export type MessageKind = 'digest' | 'delivery' | 'alert';

/** Ids made only of these characters (and short enough) are used as they are: readable in logs. */
const PLAIN_ID = /^[A-Za-z0-9-]{1,64}$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function assertDomain(domain: string): void {
  if (domain.length > 253 || !domain.split('.').every((label) => DOMAIN_LABEL.test(label))) {
    throw new RangeError(`Invalid Message-ID domain: ${JSON.stringify(domain)}`);
  }
}

/**
 * A deterministic Message-ID, `<kind.id@domain>`, so a retried send of the same email
 * carries the same id and mail clients and the SMTP relay can see it is a repeat. Ids that
 * are long or contain characters not allowed in a Message-ID (":" in period keys, for
 * example) are replaced by a SHA-256 of the id.
 */
export function messageId(kind: MessageKind, id: string, domain: string): string {
  const host = domain.trim().toLowerCase();
  assertDomain(host);
  if (id.length === 0) throw new RangeError('Message-ID id must not be empty');
  const local = PLAIN_ID.test(id) ? id : `h-${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 40)}`;
  return `<${kind}.${local}@${host}>`;
}

/** Idempotency key for one contact's digest for one period: the same run twice yields the same key. */
export function contactDigestKey(periodKey: string, contactId: string): string {
  return `${periodKey}:contact:${contactId}`;
}
