import { LocalSmtpServer } from '../../libs/mail/src/local-smtp-server';

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
 * An in-process SMTP server that records every message it accepts (headers only: at bench
 * rates, parsing whole messages would cost the machine being measured). On `LocalSmtpServer`,
 * the launcher's catcher. It can be taken down (port closed: connection refused) and brought
 * back on the same port, or made to answer 421 "try again later" to every message, to play
 * an SMTP relay having a bad day.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  tempFail = false;
  private readonly server = new LocalSmtpServer({
    closeTimeoutMs: 200,
    onMessage: async ({ raw }) => {
      if (this.tempFail) throw Object.assign(new Error('Service temporarily unavailable'), { responseCode: 421 });
      this.received.push({ ...readHeaders(raw.toString('utf8')), at: Date.now() });
    },
    onError: () => undefined,
  });

  get port(): number {
    return this.server.port;
  }

  get url(): string {
    return this.server.url;
  }

  async start(port = 0): Promise<void> {
    await this.server.listen(port);
  }

  /** Closes the listening socket and drops open sessions: new connections are refused. */
  async down(): Promise<void> {
    // smtp-server waits for sessions to end; do not wait more than a moment.
    await this.server.close(1000);
  }

  async up(): Promise<void> {
    await this.start(this.port);
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
