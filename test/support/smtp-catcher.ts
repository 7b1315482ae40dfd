import { simpleParser, type ParsedMail } from 'mailparser';
import { LocalSmtpServer } from '@app/mail';

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
 * An in-process SMTP server for e2e and fault tests (on `LocalSmtpServer`, the launcher's
 * catcher): keeps every message parsed with mailparser, and can play a relay having a bad day:
 * - refuse chosen recipients with 550 (`rejectRecipients`);
 * - answer 421 "try again later" to messages for a recipient a number of times (`tempFail`);
 * - run a hook after a message is kept and before the 250 answer (`afterAccept`): the sender
 *   has handed the message over and is about to record that it did;
 * - hold back the 250 answer (`holding`, `held`, `releaseAll()`): the message has reached the
 *   relay, the sender does not know it yet;
 * - keep a message and then drop the connection without answering it (`dropAfterData`): the
 *   relay accepted it, the sender never hears so (in doubt);
 * - be stopped and started again on the same port to simulate an outage.
 */
export class TestSmtpServer {
  readonly messages: CaughtMail[] = [];
  /** Recipients answered with "550 mailbox unavailable". */
  readonly rejectRecipients = new Set<string>();
  /** Answer "421 try again later" to messages whose first recipient is the key, this many more times. */
  readonly tempFail = new Map<string, number>();
  /** Keep messages whose first recipient is the key, then close the connection unanswered, this many more times. */
  readonly dropAfterData = new Map<string, number>();
  /** Run after a message is kept and before it is answered; a rejection is answered as an error. */
  afterAccept?: (mail: CaughtMail) => Promise<void>;
  /** While set, messages are kept but their 250 answer waits for `releaseAll()`. */
  holding = false;
  /** Message-IDs whose answer was held back (not cleared by `releaseAll()`). */
  readonly held = new Set<string>();
  private readonly answers: Array<() => void> = [];
  /** Messages received in full that are neither answered nor held yet (being parsed or in `afterAccept`). */
  private pending = 0;
  private readonly server = new LocalSmtpServer({
    closeTimeoutMs: 500,
    refuseRecipient: (address) => (this.rejectRecipients.has(address) ? Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }) : undefined),
    onMessage: ({ raw, envelopeTo, sessionId }) => this.receive(raw.toString('utf8'), envelopeTo, sessionId),
    // A sender killed or disconnected mid-transaction surfaces here; it is not the test's error.
    onError: () => undefined,
  });
  /** The port, kept across stop() and start() so an outage ends on the same address; 0 picks one. */
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await this.server.listen(this.port);
    this.port = this.server.port;
  }

  private async receive(raw: string, envelopeTo: string[], sessionId: string): Promise<void | 'unanswered'> {
    this.pending += 1;
    const drops = this.dropAfterData.get(envelopeTo[0]) ?? 0;
    if (drops === 0) return this.accept(raw, envelopeTo);
    this.dropAfterData.set(envelopeTo[0], drops - 1);
    await this.accept(raw, envelopeTo).finally(() => this.server.dropConnection(sessionId));
    return 'unanswered';
  }

  /** Parses, counts and keeps one message; resolves when it may be answered 250. */
  private async accept(raw: string, envelopeTo: string[]): Promise<void> {
    let settled = false;
    const settle = (): void => {
      if (!settled) this.pending -= 1;
      settled = true;
    };
    try {
      const parsed = await simpleParser(raw);
      const failures = this.tempFail.get(envelopeTo[0]) ?? 0;
      if (failures > 0) {
        this.tempFail.set(envelopeTo[0], failures - 1);
        throw Object.assign(new Error('try again later'), { responseCode: 421 });
      }
      const mail: CaughtMail = {
        envelopeTo,
        raw,
        parsed,
        messageId: parsed.messageId ?? '',
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
      };
      this.messages.push(mail);
      await this.afterAccept?.(mail);
      if (this.holding) {
        this.held.add(mail.messageId);
        settle();
        await new Promise<void>((resolve) => this.answers.push(resolve));
      }
    } finally {
      settle();
    }
  }

  /** Stops holding and answers what is still held (to connections that may be gone). */
  releaseAll(): void {
    this.holding = false;
    for (const answer of this.answers.splice(0)) answer();
  }

  async stop(): Promise<void> {
    // smtp-server waits for open sessions up to closeTimeout; do not wait more than a moment.
    await this.server.close(1000);
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  /** How many times a message with this Message-ID was kept. */
  count(messageId: string): number {
    return this.messages.filter((m) => m.messageId === messageId).length;
  }

  /** Waits until every message received in full so far is kept and answered or held: parsing is asynchronous. */
  async idle(): Promise<void> {
    while (this.pending > 0) await new Promise((resolve) => setTimeout(resolve, 10));
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
