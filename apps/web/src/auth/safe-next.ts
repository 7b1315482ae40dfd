const ORIGIN = 'http://web.invalid';

/**
 * A same-origin path to return to after sign-in, or undefined. Refuses anything that would
 * leave the site (`//evil`, `/\evil`, `https:…`), and `/` itself (the default anyway).
 */
export function safeNext(candidate: unknown): string | undefined {
  if (typeof candidate !== 'string' || candidate.length > 500 || !candidate.startsWith('/') || candidate === '/') return undefined;
  if (candidate.startsWith('//') || candidate.startsWith('/\\') || /[\u0000-\u001f\\]/.test(candidate)) return undefined;
  try {
    const url = new URL(candidate, ORIGIN);
    if (url.origin !== ORIGIN) return undefined;
    if (url.pathname.startsWith('/sign-in') || url.pathname === '/sign-out') return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}
