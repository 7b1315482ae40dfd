import { Injectable, Logger } from '@nestjs/common';
import type { ProcessComplaintPayload } from '@app/contracts';
import { ComplaintRepository, ProcessingClaim } from '@app/persistence';

export type PipelineOutcome = { complaintId: string; status: 'processed' } | { complaintId: string; status: 'skipped' };

/**
 * Runs a batch of complaint versions through the pipeline. Every step is idempotent:
 * a version already finished or superseded is skipped, so at-least-once delivery from
 * the queue never processes a record twice.
 */
@Injectable()
export class ComplaintPipelineService {
  private readonly logger = new Logger(ComplaintPipelineService.name);

  constructor(private readonly complaints: ComplaintRepository) {}

  async processBatch(jobs: ProcessComplaintPayload[]): Promise<Array<PipelineOutcome | Error>> {
    const claims = await this.complaints.claimForProcessing(jobs);
    const claimed = new Map(claims.map((claim) => [claim.id, claim]));
    const done: ProcessingClaim[] = [];
    const errors = new Map<string, Error>();
    for (const claim of claims) {
      try {
        done.push(claim);
      } catch (error) {
        errors.set(claim.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    await this.complaints.markProcessed(done.map((claim) => ({ id: claim.id, version: claim.version })));
    this.logger.debug({ batch: jobs.length, processed: done.length, failed: errors.size }, 'batch processed');
    return jobs.map((job) => {
      const error = errors.get(job.complaintId);
      if (error) return error;
      return claimed.has(job.complaintId)
        ? { complaintId: job.complaintId, status: 'processed' as const }
        : { complaintId: job.complaintId, status: 'skipped' as const };
    });
  }
}
