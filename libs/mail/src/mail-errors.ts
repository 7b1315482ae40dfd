/**
 * Why a send did not go through. `permanent` means the server refused this message or
 * recipient for good (SMTP 5xx): retrying cannot help, so the caller records the failure.
 * `inDoubt` means the whole message had been handed to the relay when the connection failed
 * without an answer: the relay may have accepted it, so a retry could deliver it twice (see
 * MailSendLease). Everything else (server down, timeouts before the data, 4xx) is transient
 * and worth retrying.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
    readonly inDoubt = false,
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

/**
 * Classifies an error thrown by nodemailer. Only the SMTP reply is kept: it never carries
 * message content. `dataSent`: the SMTP connection had read the whole message (see
 * trackTransmission) before the error.
 *
 * An SMTP reply settles the matter whenever there is one: 5xx is permanent, 4xx transient,
 * even after the data (the relay said it did not take the message). Without a reply, nodemailer
 * reports every lost connection or timeout alike (`code` ECONNECTION/ETIMEDOUT/ESOCKET,
 * `command` CONN), whatever stage the exchange was at, so only `dataSent` tells a relay that
 * never saw the message (transient) from one that may have accepted it (in doubt).
 */
export function classifySendError(error: unknown, dataSent = false): MailSendError {
  if (error instanceof MailSendError) return error;
  const raw = (error ?? {}) as NodemailerError;
  const code = typeof raw.responseCode === 'number' ? raw.responseCode : undefined;
  const permanent = code !== undefined && code >= 500 && code < 600;
  const reply = (raw.response ?? raw.message ?? 'unknown error').replace(/[\r\n]+/g, ' ').slice(0, 300);
  const label = code !== undefined ? `SMTP ${code}` : (raw.code ?? 'send failed');
  if (code === undefined && dataSent) {
    return new MailSendError(`${label}: ${reply} (after the whole message was sent, before the relay answered)`, false, undefined, true);
  }
  return new MailSendError(`${label}: ${reply}`, permanent, code);
}
