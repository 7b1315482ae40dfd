import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@app/config';
import { ConnectionSlots } from './connection-slots';
import { classifySendError, MailSendError } from './mail-errors';
import { MailSender } from './mail-sender.service';

describe('classifySendError after the message data was sent', () => {
  it('is in doubt only when the relay never answered', () => {
    const lost = { code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' };
    expect(classifySendError(lost, true)).toMatchObject({ inDoubt: true, permanent: false });
    expect(classifySendError(lost, true).message).toMatch(/^ECONNECTION: Connection closed unexpectedly \(after the whole message was sent/);
    expect(classifySendError({ code: 'ETIMEDOUT', command: 'CONN', message: 'Timeout' }, true).inDoubt).toBe(true);
    // The same failures before the data: the relay cannot have the message.
    expect(classifySendError(lost, false)).toMatchObject({ inDoubt: false, permanent: false });
    expect(classifySendError(lost)).toMatchObject({ inDoubt: false, permanent: false });
  });

  it('trusts an SMTP answer after the data: 4xx transient, 5xx permanent, never in doubt', () => {
    expect(classifySendError({ code: 'EMESSAGE', responseCode: 451, response: '451 try later' }, true)).toMatchObject({ inDoubt: false, permanent: false });
    expect(classifySendError({ code: 'EMESSAGE', responseCode: 554, response: '554 rejected' }, true)).toMatchObject({ inDoubt: false, permanent: true });
  });

  it('passes a MailSendError through unchanged', () => {
    const error = new MailSendError('x', false, undefined, true);
    expect(classifySendError(error, false)).toBe(error);
  });
});

describe('ConnectionSlots', () => {
  it('hands out `size` slots, queues the rest first come first served, and counts a double release once', async () => {
    const slots = new ConnectionSlots(2);
    const first = await slots.acquire();
    await slots.acquire();
    const order: number[] = [];
    const third = slots.acquire().then((slot) => (order.push(3), slot));
    const fourth = slots.acquire().then((slot) => (order.push(4), slot));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    expect(slots.available).toBe(0);
    first.release();
    first.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([3]);
    (await third).release();
    await fourth;
    expect(order).toEqual([3, 4]);
    expect(slots.available).toBe(0);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new ConnectionSlots(0)).toThrow();
  });
});

type Drop = 'never' | 'at-rcpt' | 'after-data';

/** A minimal SMTP relay over a raw socket that can hang up at a chosen stage, to see what MailSender makes of it. */
function fakeRelay(drop: () => Drop): Promise<Server> {
  const server = createServer((socket: Socket) => {
    let buffer = '';
    let inData = false;
    socket.on('error', () => undefined);
    socket.write('220 fake relay\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (!buffer.includes('\r\n.\r\n')) return;
        // The relay has the whole message; it accepts it, or hangs up before saying so.
        if (drop() === 'after-data') return void socket.destroy();
        inData = false;
        buffer = '';
        return void socket.write('250 queued\r\n');
      }
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const verb = buffer.slice(0, end).slice(0, 4).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === 'EHLO') socket.write('250-fake relay\r\n250 8BITMIME\r\n');
        else if (verb === 'RCPT' && drop() === 'at-rcpt') return void socket.destroy();
        else if (verb === 'DATA') {
          inData = true;
          return void socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') return void socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('MailSender: a connection lost without an answer', () => {
  let relay: Server;
  let drop: Drop = 'never';
  let sender: MailSender;
  const mail = (n: number) => ({
    to: { name: 'Sam', address: 'sam@northshire.example' },
    subject: 'Alert',
    text: 'plain',
    html: '<p>html</p>',
    messageId: `<delivery.${n}@example.gov.uk>`,
  });
  const failure = (promise: Promise<unknown>): Promise<MailSendError> =>
    promise.then(
      () => {
        throw new Error('the send was expected to fail');
      },
      (error: MailSendError) => error,
    );

  beforeAll(async () => {
    relay = await fakeRelay(() => drop);
    const port = (relay.address() as AddressInfo).port;
    sender = new MailSender(loadConfig({ NODE_ENV: 'test', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Learning <learning@example.gov.uk>', LOG_LEVEL: 'silent' }));
  });

  afterAll(async () => {
    sender.onModuleDestroy();
    await new Promise((resolve) => relay.close(resolve));
  });

  it('sends normally through the fake relay', async () => {
    drop = 'never';
    await expect(sender.send(mail(1))).resolves.toMatchObject({ via: 'smtp' });
  });

  it('is in doubt when the relay hangs up after the whole message', async () => {
    drop = 'after-data';
    const error = await failure(sender.send(mail(2)));
    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ inDoubt: true, permanent: false });
  });

  it('is transient, not in doubt, when the relay hangs up before the message data', async () => {
    drop = 'at-rcpt';
    const error = await failure(sender.send(mail(3)));
    expect(error).toMatchObject({ inDoubt: false, permanent: false });
  });
});
