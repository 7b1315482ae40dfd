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
import { DigestRepository } from './repositories/digest.repository';
import { LearningRollupRepository } from './repositories/learning-rollup.repository';
import { DedupDecisionRepository } from './repositories/dedup-decision.repository';
import { LearningRepository } from './repositories/learning.repository';
import { RoutingRuleRepository } from './repositories/routing-rule.repository';
import { OrganisationRepository } from './repositories/organisation.repository';

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
  providers: [ComplaintRepository, OrganisationRepository, LearningRepository, DeliveryRepository, DigestRepository, LearningRollupRepository, DedupDecisionRepository, RoutingRuleRepository],
  exports: [ComplaintRepository, OrganisationRepository, LearningRepository, DeliveryRepository, DigestRepository, LearningRollupRepository, DedupDecisionRepository, RoutingRuleRepository],
})
export class PersistenceModule {}
