import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** RCPT TO addresses of the SMTP envelope. */
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * An in-process SMTP server for e2e tests: keeps every message parsed with mailparser,
 * can refuse chosen recipients with 550, and can be stopped and started again on the same
 * port to simulate an outage of the relay.
 */
export class TestSmtpServer {
  readonly messages: CaughtMail[] = [];
  /** Recipients answered with "550 mailbox unavailable". */
  readonly rejectRecipients = new Set<string>();
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 500,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address.toLowerCase())) {
          const error = Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 });
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.messages.push({
                envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
                raw,
                parsed,
                messageId: parsed.messageId ?? '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (have ${this.messages.length} messages)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits until no new message has arrived for `quietMs`. */
  async settle(quietMs = 1500): Promise<void> {
    let count = -1;
    while (count !== this.messages.length) {
      count = this.messages.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }
}
