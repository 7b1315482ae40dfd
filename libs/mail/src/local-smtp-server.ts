import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message received in full. */
export interface LocalSmtpMessage {
  raw: Buffer;
  /** RCPT TO addresses of the SMTP envelope, lower-cased. */
  envelopeTo: string[];
  /** The SMTP session it came in on (for `dropConnection`). */
  sessionId: string;
}

export interface LocalSmtpServerOptions {
  host?: string;
  /** Largest message accepted; unlimited when absent. */
  maxMessageBytes?: number;
  /** How long smtp-server lets open sessions finish on close (its `closeTimeout`). */
  closeTimeoutMs?: number;
  /** A recipient to refuse: the error returned is the answer (give it a `responseCode`). */
  refuseRecipient?: (address: string) => Error | undefined;
  /**
   * Called with each message received in full. Resolving answers 250, rejecting answers with
   * the error (its `responseCode`), resolving 'unanswered' leaves the transaction unanswered
   * (the caller has dropped or is holding the connection).
   */
  onMessage: (message: LocalSmtpMessage) => Promise<void | 'unanswered'>;
  /** Errors after listening (a client gone mid-transaction); without it they are not caught. */
  onError?: (error: Error) => void;
}

/**
 * A loopback SMTP server without auth or TLS: the one implementation behind the launcher's
 * catcher (`startSmtpCatcher`), the tests' `TestSmtpServer` and the bench's `SmtpSink`.
 * It can be closed and listen again on the same port, to play a relay that is down.
 */
export class LocalSmtpServer {
  private server: SMTPServer | undefined;
  private boundPort = 0;

  constructor(private readonly options: LocalSmtpServerOptions) {}

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  /** 0 until it first listens; then the port it listened on, kept across `close()`. */
  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `smtp://${this.host}:${this.boundPort}`;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Listens on `port` (0 picks a free one). */
  async listen(port: number): Promise<void> {
    const { options } = this;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      ...(options.maxMessageBytes === undefined ? {} : { size: options.maxMessageBytes }),
      ...(options.closeTimeoutMs === undefined ? {} : { closeTimeout: options.closeTimeoutMs }),
      onRcptTo: (address, _session, callback) => callback(options.refuseRecipient?.(address.address.toLowerCase()) ?? undefined),
      onData: (stream, session, callback) => {
        const answer = (error?: Error): void => {
          try {
            callback(error);
          } catch {
            // The sender is gone; nobody is listening.
          }
        };
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error) => answer(error));
        stream.on('end', () => {
          const message = { raw: Buffer.concat(chunks), envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), sessionId: session.id };
          options.onMessage(message).then(
            (outcome) => {
              if (outcome !== 'unanswered') answer();
            },
            (error: Error) => answer(error),
          );
        });
      },
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => resolveListen());
    });
    if (options.onError) server.on('error', options.onError);
    this.server = server;
    this.boundPort = (server.server.address() as AddressInfo).port;
  }

  /**
   * Closes the listening socket: new connections are refused. smtp-server waits for open
   * sessions; `maxWaitMs` stops waiting for them after that long (absent: wait).
   */
  async close(maxWaitMs?: number): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((done) => {
      server.close(() => done());
      if (maxWaitMs !== undefined) setTimeout(done, maxWaitMs).unref();
    });
  }

  /** Closes a session's socket at once, answering nothing (smtp-server keeps its connections in `connections`). */
  dropConnection(sessionId: string): void {
    const connections = (this.server as unknown as { connections?: Set<{ id: string; _socket?: { destroy(): void } }> } | undefined)?.connections;
    const connection = [...(connections ?? [])].find((c) => c.id === sessionId);
    if (!connection?._socket) throw new Error(`no SMTP connection ${sessionId} to drop`);
    connection._socket.destroy();
  }
}
