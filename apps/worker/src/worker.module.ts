import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule, loggingParams } from '@app/config';
import { QueueModule } from '@app/contracts';
import { PersistenceModule } from '@app/persistence';
import { ComplaintPipelineService } from './complaints/complaint-pipeline.service';
import { ComplaintProcessor } from './complaints/complaint.processor';
import { JobHandlerRegistry } from './jobs/job-handler.registry';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';

export function workerModule(config: AppConfig) {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggingParams(config, 'worker')),
      PersistenceModule,
      QueueModule.forRoot({ role: 'consumer' }),
    ],
    providers: [JobHandlerRegistry, ComplaintPipelineService, ComplaintProcessor, MaintenanceProcessor],
  })
  class WorkerModule implements OnApplicationBootstrap {
    constructor(private readonly registry: JobHandlerRegistry) {}

    onApplicationBootstrap(): void {
      this.registry.assertComplete();
    }
  }
  return WorkerModule;
}
