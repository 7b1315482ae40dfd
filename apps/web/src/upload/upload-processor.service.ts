import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { safeErrorLog } from '@app/config';
import { ComplaintIntakeService, type CsvRow, type IntakeItem, SubmissionMemory } from '@app/intake';
import { AuditRepository } from '@app/persistence';
import { UploadProgressStore, type UploadProgress } from './upload-progress.store';

/**
 * Rows validated and stored per statement. Validating 100 rows takes some tens of milliseconds
 * of CPU; between chunks the event loop serves other requests.
 */
export const UPLOAD_CHUNK_ROWS = 100;

export interface UploadOwner {
  organisationId: string;
  contactId?: string;
}

/**
 * Stores an uploaded file's rows in the background through the same intake as the API's
 * `POST /v1/complaints/csv` (validation, upsert, queueing), one chunk at a time, recording
 * progress after each. A row is accepted once committed, so a crash mid-way loses nothing
 * already accepted; uploading the same file again stores nothing twice (same reference and
 * content: same id, not processed again).
 */
@Injectable()
export class UploadProcessor implements BeforeApplicationShutdown {
  private readonly logger = new Logger(UploadProcessor.name);
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly intake: ComplaintIntakeService,
    private readonly store: UploadProgressStore,
    private readonly audit: AuditRepository,
  ) {}

  /** Records the upload, starts storing its rows and answers at once with its id. */
  async start(owner: UploadOwner, fileName: string, rows: CsvRow[]): Promise<UploadProgress> {
    const progress = await this.store.create(owner.organisationId, fileName, rows.length);
    await this.audit.record({
      actor: { kind: 'contact', id: owner.contactId },
      action: 'complaint.upload',
      subjectType: 'upload',
      subjectId: progress.id,
      organisationId: owner.organisationId,
      detail: { rows: rows.length },
    });
    const run: Promise<void> = this.process(owner, progress.id, rows)
      .catch((error: unknown) => this.interrupted(owner.organisationId, progress.id, error))
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return progress;
  }

  /** Lets running uploads finish their current chunk and marks them interrupted, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.running]);
  }

  private async process(owner: UploadOwner, uploadId: string, rows: CsvRow[]): Promise<void> {
    const { organisationId } = owner;
    const memory = new SubmissionMemory();
    let accepted = 0;
    for (let start = 0; start < rows.length; start += UPLOAD_CHUNK_ROWS) {
      if (this.stopping) {
        await this.store.setPhase(organisationId, uploadId, 'interrupted');
        return;
      }
      const items: IntakeItem[] = rows.slice(start, start + UPLOAD_CHUNK_ROWS).map((row) => ('raw' in row ? { index: row.index, raw: row.raw } : row));
      const result = await this.intake.submit(organisationId, items, 'web-upload', memory);
      await this.store.recordChunk(
        organisationId,
        uploadId,
        result.accepted.map(({ index, reference, id }) => ({ index, reference, id })),
        result.rejected,
      );
      accepted += result.accepted.length;
      await yieldToEventLoop();
    }
    await this.audit.record({
      actor: { kind: 'contact', id: owner.contactId },
      action: 'complaint.upload-finished',
      subjectType: 'upload',
      subjectId: uploadId,
      organisationId,
      detail: { rows: rows.length, accepted, rejected: rows.length - accepted },
    });
    await this.store.setPhase(organisationId, uploadId, 'finished');
  }

  private async interrupted(organisationId: string, uploadId: string, error: unknown): Promise<void> {
    // safeErrorLog: a database error's message may quote a row.
    this.logger.error({ uploadId, error: safeErrorLog(error) }, 'upload stopped before its last row');
    await this.store.setPhase(organisationId, uploadId, 'interrupted').catch(() => undefined);
  }
}
