import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { OrganisationKind, Sector } from '@app/domain';

export type Principal =
  | { type: 'admin' }
  | { type: 'organisation'; organisationId: string; kind: OrganisationKind; sector: Sector; keyId: string };

export type OrganisationPrincipal = Extract<Principal, { type: 'organisation' }>;

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  /** Set by the early authentication hook (before the body is read) or by the guard. */
  principal?: Principal;
}

/** Who may call a route. Routes without this decorator are refused: closed by default. */
export type Audience = 'public' | 'admin' | 'organisation' | 'admin-or-organisation';
export const AUDIENCE = 'audience';
export const Audience = (audience: Audience) => SetMetadata(AUDIENCE, audience);

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('route has no authenticated principal');
  return request.principal;
});

export function isOmbudsman(principal: Principal): boolean {
  return principal.type === 'organisation' && principal.kind === 'ombudsman';
}
