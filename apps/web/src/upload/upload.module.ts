import { Module } from '@nestjs/common';
import { ComplaintIntakeService, INTAKE_OBSERVER, SILENT_INTAKE_OBSERVER } from '@app/intake';
import { PersistenceModule } from '@app/persistence';
import { UploadPageController } from './upload-page.controller';
import { UploadProcessor } from './upload-processor.service';
import { UploadProgressStore } from './upload-progress.store';

/**
 * The CSV upload pages with the API's intake (ComplaintIntakeService from @app/intake). The web
 * app keeps no Prometheus metrics, so the intake's counts go nowhere here; ingest counts its own.
 */
@Module({
  // JobQueues comes from the global QueueModule the web module registers.
  imports: [PersistenceModule],
  controllers: [UploadPageController],
  providers: [ComplaintIntakeService, { provide: INTAKE_OBSERVER, useValue: SILENT_INTAKE_OBSERVER }, UploadProgressStore, UploadProcessor],
})
export class UploadModule {}
