import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { classifySendError } from './mail-errors';
import { MailSender, messageIdDomain } from './mail-sender.service';
import { startSmtpCatcher, SmtpCatcher } from './smtp-catcher';
import { unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from './unsubscribe-token';

const CONTACT = '2c6530be-a00a-4466-bb24-d83215696d72';

describe('unsubscribe tokens', () => {
  const k2 = { id: 'k2', secret: 'secret-two' };
  const k1 = { id: 'k1', secret: 'secret-one' };
  const k0 = { id: 'k0', secret: 'secret-zero' };
  const ring = { current: k2, previous: [k1] };

  it('round-trips and refuses forgeries, other secrets and other contacts', () => {
    const token = unsubscribeToken(k2, CONTACT);
    expect(token.startsWith(`k2.${CONTACT}.`)).toBe(true);
    expect(verifyUnsubscribeToken(ring, token)).toBe(CONTACT);
    expect(verifyUnsubscribeToken({ current: { id: 'k2', secret: 'other' }, previous: [] }, token)).toBeNull();
    expect(verifyUnsubscribeToken(ring, token.replace(CONTACT, '3c6530be-a00a-4466-bb24-d83215696d72'))).toBeNull();
    expect(verifyUnsubscribeToken(ring, `k2.${CONTACT}.x`)).toBeNull();
    expect(verifyUnsubscribeToken(ring, 'garbage')).toBeNull();
    expect(unsubscribeUrl('https://learning.example.gov.uk', ring, CONTACT)).toBe(`https://learning.example.gov.uk/v1/unsubscribe?token=${token}`);
  });

  it('verifies a previous key during rotation, refuses a retired one, and binds the key id into the MAC', () => {
    expect(verifyUnsubscribeToken(ring, unsubscribeToken(k1, CONTACT))).toBe(CONTACT);
    expect(verifyUnsubscribeToken(ring, unsubscribeToken(k0, CONTACT))).toBeNull();
    // k1's signature presented under k2's id: the id is part of what is signed.
    const relabelled = unsubscribeToken(k1, CONTACT).replace(/^k1\./, 'k2.');
    expect(verifyUnsubscribeToken({ current: { id: 'k2', secret: k1.secret }, previous: [] }, relabelled)).toBeNull();
  });
});

describe('classifySendError', () => {
  it('treats SMTP 5xx as permanent and everything else as transient', () => {
    expect(classifySendError({ responseCode: 550, response: '550 5.1.1 mailbox unavailable' })).toMatchObject({ permanent: true, responseCode: 550 });
    expect(classifySendError({ responseCode: 451, response: '451 try later' }).permanent).toBe(false);
    expect(classifySendError({ code: 'ESOCKET', message: 'connect ECONNREFUSED' })).toMatchObject({ permanent: false, message: 'ESOCKET: connect ECONNREFUSED' });
  });
});

describe('messageIdDomain', () => {
  it('takes the domain of MAIL_FROM, or localhost', () => {
    expect(messageIdDomain('Complaint Learning <learning@Example.gov.uk>')).toBe('example.gov.uk');
    expect(messageIdDomain('nobody')).toBe('localhost');
  });
});

describe('MailSender through the SMTP catcher', () => {
  let dir: string;
  let catcher: SmtpCatcher;
  let sender: MailSender;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clp-mail-'));
    catcher = await startSmtpCatcher({ port: 0, dir });
    sender = new MailSender(loadConfig({ NODE_ENV: 'test', SMTP_URL: catcher.url, MAIL_FROM: 'Complaint Learning <learning@example.gov.uk>', LOG_LEVEL: 'silent' }));
  });

  afterAll(async () => {
    sender.onModuleDestroy();
    await catcher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a multipart message whose headers nothing from a record can add to', async () => {
    await sender.send({
      to: { name: 'Sam\r\nBcc: victim@example.org', address: 'sam@northshire.example' },
      subject: 'Digest\r\nX-Injected: yes',
      text: 'plain part',
      html: '<p>html part</p>',
      messageId: '<digest.abc-123@example.gov.uk>',
      headers: { 'List-Unsubscribe': '<https://learning.example.gov.uk/v1/unsubscribe?token=t>\r\nX-Evil: 1', 'X-Other': 'dropped' },
    });
    const [file] = await readdir(dir);
    const raw = await readFile(join(dir, file), 'utf8');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).not.toMatch(/^(Bcc|X-Injected|X-Evil|X-Other):/im);
    expect(head).toMatch(/^Message-ID: <digest\.abc-123@example\.gov\.uk>$/m);
    expect(head).toMatch(/^From: Complaint Learning <learning@example\.gov\.uk>$/m);
    expect(head).toMatch(/^List-Unsubscribe:/m);
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(raw).toContain('text/plain');
    expect(raw).toContain('text/html');
  });

  it('refuses an address or Message-ID that is not plain, as permanent failures', async () => {
    const mail = { to: { name: 'x', address: 'a@b.example' }, subject: 's', text: 't', html: 'h', messageId: '<digest.x@example.gov.uk>' };
    await expect(sender.send({ ...mail, to: { name: 'x', address: 'a@b.example\r\nRCPT TO:<c@d>' } })).rejects.toMatchObject({ permanent: true });
    await expect(sender.send({ ...mail, messageId: '<x y@z>' })).rejects.toMatchObject({ permanent: true });
  });
});
