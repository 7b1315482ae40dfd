import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';
import { ComplaintRepository } from './repositories/complaint.repository';
import { OrganisationRepository } from './repositories/organisation.repository';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        await ensureDatabase(config.databaseUrl);
        return dataSourceOptions(config);
      },
    }),
  ],
  providers: [ComplaintRepository, OrganisationRepository],
  exports: [ComplaintRepository, OrganisationRepository],
})
export class PersistenceModule {}
