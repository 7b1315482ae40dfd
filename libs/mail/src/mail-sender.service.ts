import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig, describeUrl } from '@app/config';
import { ConnectionSlots, type Slot } from './connection-slots';
import { classifySendError, MailSendError } from './mail-errors';
import { trackTransmission, TRANSMISSION_KEY, type Transmission } from './transmission';

export const DEFAULT_OUTBOX_DIR = './var/outbox';
/** SMTP connections kept in the pool, and so emails handed to the transport at once. */
export const SMTP_CONNECTIONS = 2;

/** One rendered email for one recipient. */
export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** `<kind.id@domain>`, from messageId() in the digest lib: the same email always has the same id. */
  messageId: string;
  /** Extra headers; only List-Unsubscribe is passed on (List-Unsubscribe-Post is added beside it). */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** Where it went: "smtp" or the .eml file written to the outbox. */
  via: string;
}

/** Headers a caller may set. Everything else an email carries is set here, not by callers. */
const ALLOWED_HEADERS = new Set(['list-unsubscribe']);
/**
 * RFC 8058 one-click: with this beside an https List-Unsubscribe, a mail provider unsubscribes
 * by POSTing `List-Unsubscribe=One-Click` to that URL — never by following it with a GET, which
 * only shows a confirmation page (scanners and forwarded copies follow links).
 */
export const LIST_UNSUBSCRIBE_POST = { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' } as const;
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g;
const ADDRESS = /^[^\s<>()[\]\\,;:"@]+@[^\s<>()[\]\\,;:"@]+$/;
const MESSAGE_ID = /^<[A-Za-z0-9.-]+@[a-z0-9.-]+>$/;

/**
 * The one way the system sends email, over nodemailer: SMTP when SMTP_URL is set, otherwise
 * each message is written as an .eml file under ./var/outbox/ (the file name is its
 * Message-ID, so writing the same email twice leaves one file). Failures are thrown as
 * MailSendError, marked permanent for SMTP 5xx answers.
 */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private readonly logger = new Logger(MailSender.name);
  private readonly transport: Transporter;
  private readonly outboxDir: string | null;
  /** One per SMTP connection: see reserveConnection. */
  private readonly slots = new ConnectionSlots(SMTP_CONNECTIONS);
  readonly from: string;
  /** Domain of MAIL_FROM, used on the right of every Message-ID. */
  readonly domain: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.from = config.mailFrom.replace(CONTROL, ' ').trim();
    this.domain = messageIdDomain(this.from);
    if (config.smtpUrl) {
      this.transport = createTransport({
        url: config.smtpUrl,
        // A few reused connections: a handshake per alert cost more than rendering it. A pooled
        // socket the relay closed is dropped by the pool; a send that meets one fails like any
        // transient error, and the job retries it under its send lease.
        pool: true,
        maxConnections: SMTP_CONNECTIONS,
        maxMessages: 100,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      trackTransmission(this.transport);
      this.outboxDir = null;
      this.logger.log(`sending mail through ${describeUrl(config.smtpUrl)}`);
    } else {
      this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix', disableFileAccess: true, disableUrlAccess: true });
      this.outboxDir = resolve(DEFAULT_OUTBOX_DIR);
      this.logger.log(`SMTP_URL is not set: writing mail as .eml files to ${this.outboxDir}`);
    }
  }

  /**
   * Waits for an SMTP connection to be free; hold the slot from claiming an email until its
   * send returns. Why: the pool queues messages inside the transport when every connection is
   * busy, and an email claimed and queued there looks, after a crash, exactly like one the relay
   * may have accepted (in doubt, see MailSendLease). Claiming only when a connection can take
   * the message at once keeps the emails in doubt at a crash to those really being transmitted.
   */
  reserveConnection(): Promise<Slot> {
    return this.slots.acquire();
  }

  /**
   * Sends one message. Throws MailSendError: `permanent` for a 5xx, `inDoubt` when the
   * connection failed without an answer after the whole message was sent.
   */
  async send(mail: OutgoingMail): Promise<SentMail> {
    const address = mail.to.address.trim();
    if (!ADDRESS.test(address)) throw new MailSendError('recipient address is not valid', true);
    if (!MESSAGE_ID.test(mail.messageId)) throw new MailSendError('Message-ID is not valid', true);
    const message = {
      from: this.from,
      to: { name: oneLine(mail.to.name, 200), address },
      subject: oneLine(mail.subject, 250),
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: safeHeaders(mail.headers ?? {}),
      // Nothing in a rendered email may pull in a file or a URL at send time.
      attachments: [],
    };
    const transmission: Transmission = { dataSent: false };
    let info: { message?: unknown };
    try {
      info = (await this.transport.sendMail({ ...message, [TRANSMISSION_KEY]: transmission } as typeof message)) as { message?: unknown };
    } catch (error) {
      throw classifySendError(error, transmission.dataSent);
    }
    if (!this.outboxDir) return { messageId: mail.messageId, via: 'smtp' };
    const file = join(this.outboxDir, `${mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9.@-]/g, '_')}.eml`);
    try {
      await mkdir(this.outboxDir, { recursive: true });
      await writeFile(file, info.message as Buffer);
    } catch (error) {
      throw new MailSendError(`could not write to the outbox: ${(error as Error).message}`, false);
    }
    this.logger.log({ messageId: mail.messageId, file }, 'mail written to the outbox');
    return { messageId: mail.messageId, via: file };
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

function oneLine(value: string, max: number): string {
  return value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

function safeHeaders(headers: Record<string, string>): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!ALLOWED_HEADERS.has(name.toLowerCase())) continue;
    safe[name] = oneLine(value, 900);
  }
  if (Object.keys(safe).some((name) => name.toLowerCase() === 'list-unsubscribe')) safe[LIST_UNSUBSCRIBE_POST.name] = LIST_UNSUBSCRIBE_POST.value;
  return safe;
}

/** The domain of the MAIL_FROM address, in the form messageId() accepts; "localhost" if it has none. */
export function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  const domain = (match?.[1] ?? '').toLowerCase().replace(/^\.+|\.+$/g, '');
  const valid = domain.length > 0 && domain.length <= 253 && domain.split('.').every((label) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(label));
  return valid ? domain : 'localhost';
}
