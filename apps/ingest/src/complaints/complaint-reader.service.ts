import { Injectable } from '@nestjs/common';
import { ComplaintRepository } from '@app/persistence';
import type { ComplaintViewDto } from './complaint-view.dto';

/** Builds the public view of one complaint, only for an organisation allowed to see it. */
@Injectable()
export class ComplaintReader {
  constructor(private readonly complaints: ComplaintRepository) {}

  async read(id: string, viewer: { organisationId: string; isOmbudsman: boolean }): Promise<ComplaintViewDto | null> {
    const row = await this.complaints.findVisible(id, viewer);
    if (!row) return null;
    return {
      id: row.id,
      reference: row.reference,
      version: row.version,
      status: row.status,
      failureReason: row.failureReason,
      classification: null,
      duplicateOf: null,
      related: [],
      learningSummary: null,
      routedTo: [],
    };
  }
}
