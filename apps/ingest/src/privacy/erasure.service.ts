import { Injectable, Logger } from '@nestjs/common';
import { JobName, JobQueues } from '@app/contracts';
import { AuditActor, ErasureRepository, ErasureResult, ErasureTarget } from '@app/persistence';
import type { Principal } from '../auth/principal';
import type { ComplainantScope } from './complainant-scope';

export interface ErasureSummary {
  erased: number;
  complaintIds: string[];
  /** Duplicates of an erased complaint, queued to be decided again. */
  requeued: number;
}

/**
 * Erases complaints (UK GDPR art. 17) and sets going what must follow the commit: the
 * duplicates of an erased complaint are queued to be decided again, and the learning rollup
 * is asked to refresh now rather than at its next tick. Either may be lost with Redis; the
 * re-drive then finds the duplicates (`received`) and the scheduled refresh the rollup.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly erasure: ErasureRepository,
    private readonly queues: JobQueues,
  ) {}

  /** One complaint; false when the caller may not see it (answered 404, like a read). */
  async eraseComplaint(complaintId: string, principal: Principal): Promise<boolean> {
    const organisationId = principal.type === 'admin' ? undefined : principal.organisationId;
    const result = await this.run({ complaintId }, organisationId, principal);
    return result.erased.length > 0;
  }

  async eraseComplainant(scope: ComplainantScope, principal: Principal): Promise<ErasureSummary> {
    const result = await this.run({ complainantHashes: scope.hashes }, scope.organisationId, principal);
    return { erased: result.erased.length, complaintIds: result.erased.map((c) => c.id), requeued: result.requeued.length };
  }

  private async run(target: ErasureTarget, organisationId: string | undefined, principal: Principal): Promise<ErasureResult> {
    const result = await this.erasure.erase({ target, organisationId, actor: auditActor(principal) });
    if (result.erased.length > 0) await this.followUp(result);
    return result;
  }

  private async followUp(result: ErasureResult): Promise<void> {
    try {
      await this.queues.addComplaints(result.requeued);
      await this.queues.addBulk(JobName.RefreshLearning, [{ data: {} }]);
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'after an erasure: queueing deferred to the re-drive and the scheduled refresh');
    }
  }
}

export function auditActor(principal: Principal): AuditActor {
  if (principal.type === 'admin') return { kind: 'admin' };
  const keyId = (principal as { keyId?: string }).keyId;
  return { kind: 'organisation', id: principal.organisationId, ...(keyId ? { keyId } : {}) };
}
