import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule, loggingParams } from '@app/config';
import { QueueModule } from '@app/contracts';
import { ComplaintIntakeService, INTAKE_OBSERVER } from '@app/intake';
import { PersistenceModule } from '@app/persistence';
import { OrganisationAdministration, OrganisationChangeNotifier, OrganisationSuspension, RoutingRuleAdministration } from '@app/persistence/administration';
import { ComplaintReader, ComplaintReviewService } from '@app/persistence/complaints';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator.service';
import { AuditController } from './audit/audit.controller';
import { AuthGuard } from './auth/auth.guard';
import { ClassifierController } from './classifier/classifier.controller';
import { OrganisationThrottlerGuard } from './auth/organisation-throttler.guard';
import { SharedThrottlerStorage } from './auth/shared-throttler-storage';
import { HttpErrorFilter } from './common/http-error.filter';
import { ComplaintsController } from './complaints/complaints.controller';
import { MetricsIntakeObserver } from './complaints/metrics-intake-observer';
import { ComplaintListController } from './complaints/complaint-list.controller';
import { ContactsController } from './contacts/contacts.controller';
import { DedupDecisionsController } from './dedup/dedup-decisions.controller';
import { DigestsController } from './digests/digests.controller';
import { HealthController } from './health/health.controller';
import { LearningQueryService } from './learning/learning-query.service';
import { LearningController } from './learning/learning.controller';
import { ReturnsController } from './returns/returns.controller';
import { ReturnsService } from './returns/returns.service';
import { ReportsController } from './reports/reports.controller';
import { AnnualReportService } from './reports/annual-report.service';
import { ChromiumPdfRenderer } from './reports/chromium-pdf.renderer';
import { PdfRenderer } from './reports/pdf.renderer';
import { IngestMetrics } from './metrics/ingest-metrics.service';
import { MetricsController } from './metrics/metrics.controller';
import { ApiKeysController } from './organisations/api-keys.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { ErasureService } from './privacy/erasure.service';
import { PrivacyController } from './privacy/privacy.controller';
import { SubjectAccessService } from './privacy/subject-access.service';
import { RoutingRulesController } from './routing/routing-rules.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { ReviewsService } from './reviews/reviews.service';
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
      ComplaintListController,
      HealthController,
      MetricsController,
      DigestsController,
      LearningController,
      ReturnsController,
      ReportsController,
      UnsubscribeController,
      ContactsController,
      DedupDecisionsController,
      RoutingRulesController,
      PrivacyController,
      ApiKeysController,
      AuditController,
      ClassifierController,
      ReviewsController,
    ],
    providers: [
      ComplaintIntakeService,
      { provide: INTAKE_OBSERVER, useClass: MetricsIntakeObserver },
      ComplaintReader,
      ComplaintReviewService,
      ReviewsService,
      ErasureService,
      SubjectAccessService,
      IngestMetrics,
      LearningQueryService,
      ReturnsService,
      AnnualReportService,
      { provide: PdfRenderer, useClass: ChromiumPdfRenderer },
      ApiKeyAuthenticator,
      OrganisationSuspension,
      OrganisationAdministration,
      RoutingRuleAdministration,
      // Revocations and suspensions evict this replica's cached keys at once, then publish to the others.
      { provide: OrganisationChangeNotifier, useExisting: ApiKeyAuthenticator },
      // Order matters: authenticate first, so the rate limit counts per organisation.
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: OrganisationThrottlerGuard },
      { provide: APP_FILTER, useClass: HttpErrorFilter },
    ],
  })
  class IngestModule {}
  return IngestModule;
}
