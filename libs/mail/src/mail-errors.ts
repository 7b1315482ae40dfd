/**
 * Why a send did not go through. `permanent` means the server refused this message or
 * recipient for good (SMTP 5xx): retrying cannot help, so the caller records the failure.
 * Everything else (server down, timeouts, 4xx) is transient and worth retrying.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

interface NodemailerError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Classifies an error thrown by nodemailer. Only the SMTP reply is kept: it never carries message content. */
export function classifySendError(error: unknown): MailSendError {
  if (error instanceof MailSendError) return error;
  const raw = (error ?? {}) as NodemailerError;
  const code = typeof raw.responseCode === 'number' ? raw.responseCode : undefined;
  const permanent = code !== undefined && code >= 500 && code < 600;
  const reply = (raw.response ?? raw.message ?? 'unknown error').replace(/[\r\n]+/g, ' ').slice(0, 300);
  const label = code !== undefined ? `SMTP ${code}` : (raw.code ?? 'send failed');
  return new MailSendError(`${label}: ${reply}`, permanent, code);
}
