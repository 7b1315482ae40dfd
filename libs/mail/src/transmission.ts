import type { Readable } from 'node:stream';
import type { Transporter } from 'nodemailer';

/** Per message: has the SMTP connection read all of it? */
export interface Transmission {
  dataSent: boolean;
}

/** The sendMail option that carries a message's Transmission to the plugin below. */
export const TRANSMISSION_KEY = 'clpTransmission';

/**
 * Marks a message's Transmission `dataSent` once the transport has read the whole message.
 *
 * Why: a relay accepts a message only after its final `<CRLF>.<CRLF>`, which the SMTP
 * connection writes right after it has read the message stream to its end. A connection lost
 * before that cannot have delivered the message (safe to retry); one lost after it, with no
 * reply, may have (in doubt). nodemailer's errors do not say which (see classifySendError),
 * so this watches the stream itself: a `stream` plugin wraps the compiled message's
 * `createReadStream` (the stream the SMTP connection pipes after the relay's `354`) and
 * listens for its `end`, which fires only when that reader has consumed every byte. The
 * pool calls it again for a message it re-queues after a dropped idle connection; any
 * completed read counts. If a nodemailer upgrade stopped calling it, `dataSent` would stay
 * false and lost connections would be retried as before — the e2e test
 * `test/mail-send-once.e2e-spec.ts` (connection dropped after DATA) catches that.
 */
export function trackTransmission(transport: Transporter): void {
  transport.use('stream', (mail, done) => {
    const transmission = (mail.data as Record<string, unknown>)[TRANSMISSION_KEY] as Transmission | undefined;
    const message = mail.message as unknown as { createReadStream?: (...args: unknown[]) => Readable } | undefined;
    if (transmission && message && typeof message.createReadStream === 'function') {
      const create = message.createReadStream.bind(message);
      message.createReadStream = (...args: unknown[]) => {
        const stream = create(...args);
        stream.once('end', () => {
          transmission.dataSent = true;
        });
        return stream;
      };
    }
    done();
  });
}
