import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import {
  OrganisationAdministration,
  OrganisationChangeNotifier,
  OrganisationSuspension,
  RedisOrganisationChangePublisher,
  RoutingRuleAdministration,
  organisationChangeChannel,
} from '@app/persistence/administration';
import { WEB_REDIS } from '../session/session.module';
import type { Redis } from 'ioredis';
import { AdminHomeController } from './admin-home.controller';
import { OrganisationActionsController } from './organisation-actions.controller';
import { OrganisationsPageController } from './organisations-page.controller';
import { QueueDashboard } from './queue-dashboard';
import { RoutingRulesPageController } from './routing-rules-page.controller';

/**
 * The operator's console (/admin): organisations and their keys, routing rules, and the queue
 * dashboard. Writes go through the admin API's own services (libs/persistence/src/administration);
 * the queues come from the global QueueModule the web module imports.
 */
@Module({
  imports: [PersistenceModule],
  controllers: [AdminHomeController, OrganisationsPageController, OrganisationActionsController, RoutingRulesPageController],
  providers: [
    OrganisationAdministration,
    OrganisationSuspension,
    RoutingRuleAdministration,
    QueueDashboard,
    // The web app caches no keys: it only tells the ingest replicas, on the channel they listen to.
    {
      provide: OrganisationChangeNotifier,
      inject: [WEB_REDIS, APP_CONFIG],
      useFactory: (redis: Redis, config: AppConfig) => new RedisOrganisationChangePublisher(redis, organisationChangeChannel(config.queuePrefix)),
    },
  ],
})
export class AdminModule {}
