import type { EntityManager } from 'typeorm';
import { execute } from './query-rows';

/** A contact digest's identity for its sent state: the row and the period of routed items it carried. */
export interface DigestSentTarget {
  digestId: string;
  contactId: string;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * Records a contact digest as sent with its Message-ID, and the routed items it carried too,
 * so sent state is visible per delivery. The one place this is written: when the digest is
 * sent, and when an operator records a held digest as delivered.
 */
export async function recordDigestSent(tx: EntityManager, target: DigestSentTarget, messageId: string): Promise<void> {
  await execute(tx, `UPDATE digest SET status = 'sent', sent_at = now(), message_id = $2, failure_reason = NULL WHERE id = $1`, [target.digestId, messageId]);
  await execute(
    tx,
    `UPDATE delivery SET sent_at = now(), message_id = $4
     WHERE contact_id = $1 AND mode = 'digest' AND created_at >= $2 AND created_at < $3 AND sent_at IS NULL`,
    [target.contactId, target.periodStart, target.periodEnd, messageId],
  );
}
