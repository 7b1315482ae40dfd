import type { FastifyRequest } from 'fastify';

/** A secret to show once, on the page the POST redirects to; it lives in the Redis session for that one hop. */
export interface IssuedKeyFlash {
  organisationId: string;
  keyId: string;
  apiKey: string;
  /** True when it came with a new organisation (the page then says so). */
  newOrganisation: boolean;
}

declare module '../session/web-session' {
  interface WebSessionData {
    /** The console's one-shot messages (post/redirect/get): read once, then gone. */
    adminNotice?: string;
    adminIssuedKey?: IssuedKeyFlash;
  }
}

export function setNotice(request: FastifyRequest, text: string): void {
  request.session.adminNotice = text;
}

/** The success message of the previous POST, if any; removed from the session as it is read. */
export function takeNotice(request: FastifyRequest): string | undefined {
  const notice = request.session.adminNotice;
  delete request.session.adminNotice;
  return notice;
}

export function setIssuedKey(request: FastifyRequest, issued: IssuedKeyFlash): void {
  request.session.adminIssuedKey = issued;
}

/** The key issued by the previous POST for this organisation, once: the session forgets it as it is read. */
export function takeIssuedKey(request: FastifyRequest, organisationId: string): IssuedKeyFlash | undefined {
  const issued = request.session.adminIssuedKey;
  if (!issued || issued.organisationId !== organisationId) return undefined;
  delete request.session.adminIssuedKey;
  return issued;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in the console's paths are UUIDs; anything else is a page that does not exist. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** One form field as text: absent or repeated (an array) reads as empty. */
export function formText(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A checkbox group: one value arrives as a string, several as an array. */
export function formList(form: Record<string, unknown>, name: string): string[] {
  const value = form[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}
