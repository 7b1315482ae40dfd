import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';
import { guardPoolClients } from './guard-pool-clients';
import { migrateWithLock } from './migrate';
import { ComplaintRepository } from './repositories/complaint.repository';
import { DeliveryRepository } from './repositories/delivery.repository';
import { HeldMailRepository } from './repositories/held-mail.repository';
import { DigestRepository } from './repositories/digest.repository';
import { LearningRollupRepository } from './repositories/learning-rollup.repository';
import { LearningRollupRefreshRepository } from './repositories/learning-rollup-refresh.repository';
import { DedupDecisionRepository } from './repositories/dedup-decision.repository';
import { PipelineResultsRepository } from './repositories/pipeline-results.repository';
import { RoutingRuleRepository } from './repositories/routing-rule.repository';
import { OrganisationRepository } from './repositories/organisation.repository';
import { AuditRepository } from './repositories/audit.repository';
import { ErasureRepository } from './repositories/erasure.repository';
import { RetentionRepository } from './repositories/retention.repository';
import { LearningArrivalRepository } from './repositories/learning-arrival.repository';
import { ReturnsRepository } from './repositories/returns.repository';
import { SubjectAccessRepository } from './repositories/subject-access.repository';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { ContactRepository } from './repositories/contact.repository';
import { UnsubscribeRepository } from './repositories/unsubscribe.repository';
import { ReviewRepository } from './repositories/review.repository';
import { ReviewRoutingRepository } from './repositories/review-routing.repository';
import { ClassifierModelRepository } from './repositories/classifier-model.repository';
import { ClassifierTrainingRepository } from './repositories/classifier-training.repository';
import { ComplaintListRepository } from './repositories/complaint-list.repository';
import { LearningDashboardRepository } from './repositories/learning-dashboard.repository';
import { ComplaintCaseRepository } from './repositories/complaint-case.repository';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        await ensureDatabase(config.databaseUrl);
        if (config.migrateOnStart) await migrateWithLock(config);
        return dataSourceOptions({ ...config, migrateOnStart: false, poolSize: config.databasePoolSize });
      },
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        guardPoolClients(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [ContactRepository, ComplaintRepository, OrganisationRepository, PipelineResultsRepository, DeliveryRepository, HeldMailRepository, DigestRepository, LearningRollupRepository, LearningRollupRefreshRepository, DedupDecisionRepository, RoutingRuleRepository, AuditRepository, ApiKeyRepository, ErasureRepository, SubjectAccessRepository, RetentionRepository, LearningArrivalRepository, ReturnsRepository, ReviewRepository, ReviewRoutingRepository, ComplaintListRepository, ComplaintCaseRepository, ClassifierModelRepository, ClassifierTrainingRepository, LearningDashboardRepository, UnsubscribeRepository],
  exports: [ContactRepository, ComplaintRepository, OrganisationRepository, PipelineResultsRepository, DeliveryRepository, HeldMailRepository, DigestRepository, LearningRollupRepository, LearningRollupRefreshRepository, DedupDecisionRepository, RoutingRuleRepository, AuditRepository, ApiKeyRepository, ErasureRepository, SubjectAccessRepository, RetentionRepository, LearningArrivalRepository, ReturnsRepository, ReviewRepository, ReviewRoutingRepository, ComplaintListRepository, ComplaintCaseRepository, ClassifierModelRepository, ClassifierTrainingRepository, LearningDashboardRepository, UnsubscribeRepository],
})
export class PersistenceModule {}
