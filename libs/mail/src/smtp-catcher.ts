import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DEFAULT_OUTBOX_DIR } from './mail-sender.service';

export interface SmtpCatcherOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Where messages are stored as .eml files (default ./var/outbox). */
  dir?: string;
  /** Called after each stored message. */
  onMessage?: (file: string) => void;
}

export interface SmtpCatcher {
  port: number;
  /** The SMTP_URL to give the worker. */
  url: string;
  dir: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP server that accepts everything and stores each message as an .eml file, so
 * a developer sees exactly what would have been sent. Listens on loopback only, no auth.
 */
export async function startSmtpCatcher(options: SmtpCatcherOptions): Promise<SmtpCatcher> {
  const dir = resolve(options.dir ?? DEFAULT_OUTBOX_DIR);
  await mkdir(dir, { recursive: true });
  let counter = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        counter += 1;
        const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${counter}.eml`);
        writeFile(file, Buffer.concat(chunks)).then(
          () => {
            options.onMessage?.(file);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolveListen());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${host}:${port}`,
    dir,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
