import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  at: number;
}

/** Message-ID, To and Subject from the raw header block (unfolded); enough to spot a repeat. */
function readHeaders(raw: string): Omit<ReceivedMail, 'at'> {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:[ \t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const to = header('To').match(/[^\s<>,"]+@[^\s<>,"]+/g) ?? [];
  return { messageId: header('Message-ID'), to, subject: header('Subject') };
}

/**
 * An in-process SMTP server that records every message it accepts. It can be taken down
 * (port closed: connection refused) and brought back on the same port, or made to answer
 * 421 "try again later" to every message, to play an SMTP relay having a bad day.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  private boundPort = 0;
  tempFail = false;

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.boundPort}`;
  }

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.tempFail) {
            callback(Object.assign(new Error('Service temporarily unavailable'), { responseCode: 421 }));
            return;
          }
          this.received.push({ ...readHeaders(Buffer.concat(chunks).toString('utf8')), at: Date.now() });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.server = server;
    this.boundPort = (server.server.address() as AddressInfo).port;
  }

  /** Closes the listening socket and drops open sessions: new connections are refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // smtp-server waits for sessions to end; do not wait more than a moment.
      setTimeout(resolve, 1000).unref();
    });
  }

  async up(): Promise<void> {
    await this.start(this.boundPort);
  }

  async stop(): Promise<void> {
    await this.down();
  }

  /** Message-IDs received more than once, with their counts. */
  duplicates(): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const mail of this.received) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
    return [...counts.entries()].filter(([, count]) => count > 1);
  }
}
