import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LocalSmtpServer } from './local-smtp-server';
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
  const server = new LocalSmtpServer({
    host: options.host,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    onMessage: async ({ raw }) => {
      counter += 1;
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${counter}.eml`);
      await writeFile(file, raw);
      options.onMessage?.(file);
    },
  });
  await server.listen(options.port);
  return { port: server.port, url: server.url, dir, close: () => server.close() };
}
