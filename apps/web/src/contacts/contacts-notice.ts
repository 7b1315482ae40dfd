import type { FastifyRequest } from 'fastify';

/** A success banner shown once, on the page a change redirects to (post/redirect/get). */
export interface ContactsNotice {
  heading: string;
  body?: string;
}

declare module '../session/web-session' {
  interface WebSessionData {
    /** Kept in the server-side session, not the URL: it names a person, and URLs are logged. */
    contactsNotice?: ContactsNotice;
  }
}

export function setNotice(request: FastifyRequest, notice: ContactsNotice): void {
  request.session.contactsNotice = notice;
}

/** The pending notice, removed from the session so a reload does not show it again. */
export function takeNotice(request: FastifyRequest): ContactsNotice | undefined {
  const notice = request.session.contactsNotice;
  if (notice) delete request.session.contactsNotice;
  return notice;
}
