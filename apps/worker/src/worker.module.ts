import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule, loggingParams } from '@app/config';
import { QueueModule } from '@app/contracts';
import { MailSender } from '@app/mail';
import { PersistenceModule } from '@app/persistence';
import { ActiveClassifier } from './classifier/active-classifier.service';
import { ComplaintAnalyser, DomainComplaintAnalyser } from './complaints/complaint-analysis';
import { ComplaintPipelineService } from './complaints/complaint-pipeline.service';
import { ComplaintProcessor } from './complaints/complaint.processor';
import { DigestRunService } from './digests/digest-run.service';
import { DigestsProcessor } from './digests/digests.processor';
import { OmbudsmanWeeklyDigestService } from './digests/ombudsman-weekly-digest.service';
import { JobHandlerRegistry } from './jobs/job-handler.registry';
import { MailDeliveryService } from './mail/mail-delivery.service';
import { MailOutboxService } from './mail/mail-outbox.service';
import { MailProcessor } from './mail/mail.processor';
import { LearningRefreshService } from './maintenance/learning-refresh.service';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { ScheduledUpkeepService } from './maintenance/scheduled-upkeep.service';
import { ReviewApplyService } from './reviews/review-apply.service';
import { ReviewProcessor } from './reviews/review.processor';

/** Providers a caller may replace (the fault suite's poison analyser). */
export interface WorkerOverrides {
  analyser?: ComplaintAnalyser;
}

export function workerModule(config: AppConfig, overrides: WorkerOverrides = {}) {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggingParams(config, 'worker')),
      PersistenceModule,
      QueueModule.forRoot({ role: 'consumer' }),
    ],
    providers: [
      JobHandlerRegistry,
      ActiveClassifier,
      { provide: ComplaintAnalyser, useValue: overrides.analyser ?? new DomainComplaintAnalyser() },
      ComplaintPipelineService,
      ComplaintProcessor,
      MaintenanceProcessor,
      MailSender,
      MailDeliveryService,
      MailOutboxService,
      MailProcessor,
      DigestRunService,
      LearningRefreshService,
      ScheduledUpkeepService,
      OmbudsmanWeeklyDigestService,
      DigestsProcessor,
      ReviewApplyService,
      ReviewProcessor,
    ],
  })
  class WorkerModule implements OnApplicationBootstrap {
    constructor(private readonly registry: JobHandlerRegistry) {}

    onApplicationBootstrap(): void {
      this.registry.assertComplete();
    }
  }
  return WorkerModule;
}
