import type {} from '@fastify/view';
import type {} from '@fastify/csrf-protection';

/** Who is signed in. `organisationId`/`contactId` are absent for the operator. */
export type WebRole = 'body' | 'ombudsman' | 'operator';

export interface Viewer {
  role: WebRole;
  name: string;
  organisationId?: string;
  organisationName?: string;
  contactId?: string;
  /** Epoch ms when the contact was last found signable-in (see WebAudienceGuard). */
  checkedAt?: number;
}

/** A contact choosing which organisation to sign in as (one address, several organisations). */
export interface PendingChoice {
  contactIds: string[];
  next?: string;
  /** Epoch ms after which the choice is no longer offered. */
  until: number;
}

/**
 * What a session holds in Redis. Everything here is server-side; the browser only has the
 * opaque id. `_csrf` is the CSRF secret, read and written by @fastify/csrf-protection
 * (its '@fastify/session' mode reads `request.session._csrf`).
 */
export interface WebSessionData {
  /** Epoch ms when this session id was issued: the absolute cap counts from here. */
  createdAt: number;
  viewer?: Viewer;
  pendingChoice?: PendingChoice;
  _csrf?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: WebSessionData;
    /** Internal state of the session hooks; controllers use signInAs/signOut instead. */
    sessionState: { id?: string; loaded: string; rotate: boolean; destroy: boolean };
  }
}

declare module 'fastify' {
  interface FastifyReply {
    /** Merged by @fastify/view into every template's data (set per request in installViewLocals). */
    locals: Record<string, unknown> | null;
  }
}
