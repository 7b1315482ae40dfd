import { Global, Inject, Module, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SessionStore } from './session.store';

/** The web app's own Redis connection (sessions, sign-in links, rate limits). */
export const WEB_REDIS = Symbol('WEB_REDIS');

@Global()
@Module({
  providers: [
    { provide: WEB_REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new Redis(config.redisUrl, { maxRetriesPerRequest: 3 }) },
    { provide: SessionStore, inject: [WEB_REDIS, APP_CONFIG], useFactory: (redis: Redis, config: AppConfig) => new SessionStore(redis, config) },
  ],
  exports: [WEB_REDIS, SessionStore],
})
export class SessionModule implements OnModuleDestroy {
  constructor(@Inject(WEB_REDIS) private readonly redis: Redis) {}

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
