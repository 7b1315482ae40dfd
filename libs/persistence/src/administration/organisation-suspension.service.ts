import { Injectable, Logger } from '@nestjs/common';
import { JobQueues } from '@app/contracts';
import type { AuditActor } from '../repositories/audit.repository';
import { OrganisationRepository } from '../repositories/organisation.repository';
import { OrganisationChangeNotifier } from './organisation-change';

/** Complaints queued again per `addBulk` on reinstatement. */
const REQUEUE_PAGE = 1_000;

/**
 * Suspension holds an organisation's requests (403) and its work: the worker skips its
 * complaints, which stay `received`/`processing` in PostgreSQL and are left alone by the
 * re-drive. Reinstating queues them again here; if Redis is away, the re-drive finds them
 * (their status is older than REDRIVE_AFTER_SECONDS), so nothing held is ever lost.
 */
@Injectable()
export class OrganisationSuspension {
  private readonly logger = new Logger(OrganisationSuspension.name);

  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly notifier: OrganisationChangeNotifier,
    private readonly queues: JobQueues,
  ) {}

  /** False when there is no such organisation. */
  async set(id: string, suspended: boolean, actor: AuditActor): Promise<boolean> {
    const result = await this.organisations.setSuspended(id, suspended, actor);
    if (!result) return false;
    if (!result.changed) return true;
    await this.notifier.organisationChanged(id);
    if (!suspended) await this.requeueHeld(id);
    return true;
  }

  private async requeueHeld(organisationId: string): Promise<void> {
    let after: string | undefined;
    try {
      do {
        const page = await this.organisations.pendingComplaints(organisationId, REQUEUE_PAGE, after);
        await this.queues.addComplaints(page.items);
        after = page.next;
      } while (after);
    } catch (error) {
      this.logger.warn({ organisationId, reason: (error as Error).message }, 'held complaints not queued now; the re-drive will queue them');
    }
  }
}
