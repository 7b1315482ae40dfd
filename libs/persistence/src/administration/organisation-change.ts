import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/** The Redis pub/sub channel on which ingest replicas hear that an organisation's keys changed. */
export function organisationChangeChannel(queuePrefix: string): string {
  return `${queuePrefix}:auth:invalidate`;
}

/**
 * Tells every ingest replica to forget an organisation's cached keys (a key revoked, the body
 * suspended or reinstated). Ingest binds this to its authenticator (evicts its own cache at
 * once, then publishes); the web app binds RedisOrganisationChangePublisher.
 */
export abstract class OrganisationChangeNotifier {
  abstract organisationChanged(organisationId: string): Promise<void>;
}

/** Publishes on the channel ingest subscribes to; for an app that holds no key cache itself. */
export class RedisOrganisationChangePublisher extends OrganisationChangeNotifier {
  private readonly logger = new Logger(RedisOrganisationChangePublisher.name);

  constructor(
    private readonly redis: Pick<Redis, 'publish'>,
    private readonly channel: string,
  ) {
    super();
  }

  async organisationChanged(organisationId: string): Promise<void> {
    try {
      await this.redis.publish(this.channel, organisationId);
    } catch (error) {
      // As in ingest: a replica that misses the message catches up within its cache TTL (seconds).
      this.logger.warn({ organisationId, reason: (error as Error).message }, 'key invalidation not published; ingest replicas catch up within the cache TTL');
    }
  }
}
