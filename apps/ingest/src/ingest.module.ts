import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule, loggingParams } from '@app/config';
import { QueueModule } from '@app/contracts';
import { PersistenceModule } from '@app/persistence';
import { AuthGuard } from './auth/auth.guard';
import { OrganisationThrottlerGuard } from './auth/organisation-throttler.guard';
import { SharedThrottlerStorage } from './auth/shared-throttler-storage';
import { HttpErrorFilter } from './common/http-error.filter';
import { ComplaintIntakeService } from './complaints/complaint-intake.service';
import { ComplaintReader } from './complaints/complaint-reader.service';
import { ComplaintsController } from './complaints/complaints.controller';
import { DedupDecisionsController } from './dedup/dedup-decisions.controller';
import { DigestsController } from './digests/digests.controller';
import { HealthController } from './health/health.controller';
import { LearningQueryService } from './learning/learning-query.service';
import { LearningController } from './learning/learning.controller';
import { IngestMetrics } from './metrics/ingest-metrics.service';
import { MetricsController } from './metrics/metrics.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { RoutingRulesController } from './routing/routing-rules.controller';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';

export function ingestModule(config: AppConfig) {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggingParams(config, 'ingest')),
      PersistenceModule,
      QueueModule.forRoot({ role: 'producer' }),
      TerminusModule,
      ThrottlerModule.forRoot({
        throttlers: [{ name: 'per-organisation', ttl: 60_000, limit: config.rateLimitPerMinute }],
        storage: SharedThrottlerStorage.fromUrl(config.redisUrl, config.queuePrefix),
      }),
    ],
    controllers: [
      OrganisationsController,
      ComplaintsController,
      HealthController,
      MetricsController,
      DigestsController,
      LearningController,
      UnsubscribeController,
      DedupDecisionsController,
      RoutingRulesController,
    ],
    providers: [
      ComplaintIntakeService,
      ComplaintReader,
      IngestMetrics,
      LearningQueryService,
      // Order matters: authenticate first, so the rate limit counts per organisation.
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: OrganisationThrottlerGuard },
      { provide: APP_FILTER, useClass: HttpErrorFilter },
    ],
  })
  class IngestModule {}
  return IngestModule;
}
