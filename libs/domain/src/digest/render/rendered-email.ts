import { safeHeaderText } from '../safe-text';

export interface RenderedEmail {
  /** Single line: built from counts, organisation name and period only, controls stripped. */
  subject: string;
  text: string;
  html: string;
  /** Extra headers to pass to nodemailer (List-Unsubscribe). */
  headers: Record<string, string>;
}

export interface RenderOptions {
  /** http(s) URL; checked and normalised (the URL parser drops CR, LF and tabs). */
  unsubscribeUrl: string;
  /** Product name at the start of subjects and headings (default "Complaint learning"). */
  appName?: string;
}

export const DEFAULT_APP_NAME = 'Complaint learning';

export interface CommonView {
  appName: string;
  unsubscribeUrl: string;
}

export function commonView(options: RenderOptions): CommonView {
  let url: URL;
  try {
    url = new URL(options.unsubscribeUrl);
  } catch {
    throw new RangeError('unsubscribeUrl is not a valid URL');
  }
  // Anything but http(s) (javascript:, data:) must never become a link in an email.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('unsubscribeUrl must be http(s)');
  const appName = safeHeaderText(options.appName ?? DEFAULT_APP_NAME, 60) || DEFAULT_APP_NAME;
  return { appName, unsubscribeUrl: url.href };
}

export function finishEmail(subject: string, text: string, html: string, common: CommonView): RenderedEmail {
  return {
    subject: safeHeaderText(subject),
    text: tidyText(text),
    html,
    headers: { 'List-Unsubscribe': `<${common.unsubscribeUrl}>` },
  };
}

/** Collapses the blank lines optional template sections leave behind; ends with one newline. */
function tidyText(text: string): string {
  return `${text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
