import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './principal';

/** Rate limits per organisation (its key), not per IP: many bodies sit behind shared gateways. */
@Injectable()
export class OrganisationThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as unknown as AuthenticatedRequest).principal;
    if (principal?.type === 'organisation') return `org:${principal.organisationId}`;
    if (principal?.type === 'admin') return 'admin';
    return `ip:${String(request.ip)}`;
  }
}
