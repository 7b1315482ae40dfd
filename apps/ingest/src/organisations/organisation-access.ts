import { HttpStatus } from '@nestjs/common';
import type { OrganisationRepository } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { isUuid } from '../common/uuid';

/**
 * The organisation `id` may be managed by the admin or by itself. Another organisation's id
 * answers exactly like a missing one (404): ids are not an oracle.
 */
export async function assertManages(principal: Principal, id: string, organisations: OrganisationRepository): Promise<void> {
  const own = principal.type === 'organisation' && principal.organisationId === id;
  if (!isUuid(id) || (principal.type !== 'admin' && !own) || !(await organisations.exists(id))) {
    throw new ApiError(HttpStatus.NOT_FOUND, 'Organisation not found');
  }
}
