import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { PrincipalCache } from './principal-cache';

/**
 * Tells every ingest replica to forget an organisation's cached keys (a key revoked, the body
 * suspended or reinstated), over Redis pub/sub. A replica that was cut off from Redis may have
 * missed messages, so it empties its cache whenever its subscription (re)connects; the cache's
 * short TTL covers the time it is cut off.
 */
export class PrincipalInvalidation {
  private readonly logger = new Logger(PrincipalInvalidation.name);

  constructor(
    private readonly cache: PrincipalCache,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
  ) {
    subscriber.on('ready', () => cache.clear());
    subscriber.on('message', (from: string, organisationId: string) => {
      if (from === channel) cache.forgetOrganisation(organisationId);
    });
    // Connection errors are expected during an outage; ioredis keeps retrying.
    subscriber.on('error', () => undefined);
    publisher.on('error', () => undefined);
  }

  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn({ reason: error.message }, 'key invalidation not subscribed yet'));
  }

  /** Evicts here at once, then on the other replicas. */
  async organisationChanged(organisationId: string): Promise<void> {
    this.cache.forgetOrganisation(organisationId);
    try {
      await this.publisher.publish(this.channel, organisationId);
    } catch (error) {
      this.logger.warn({ organisationId, reason: (error as Error).message }, 'key invalidation not published; other replicas catch up within the cache TTL');
    }
  }

  stop(): void {
    this.subscriber.disconnect(false);
    this.publisher.disconnect(false);
  }
}
