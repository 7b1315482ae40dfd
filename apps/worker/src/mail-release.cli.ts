import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import type { DigestPeriodFrequency } from '@app/domain/digest';
import { messageIdDomain } from '@app/mail';
import { dataSourceOptions, HeldMail, HeldMailRepository } from '@app/persistence';
import { alertMessageId, contactDigestMessageId, digestPeriodKey, ombudsmanMessageId } from './mail/message-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = `usage: npm run mail:release [-- --ids <id>,<id>… | -- --all | -- --delivered <id>,<id>…]
  without arguments: lists the emails held in doubt (MAIL_IN_DOUBT=hold)
  --ids a,b        puts those emails back to be sent once more, with the same Message-ID
  --all            puts every held email back
  --delivered a,b  records those emails as sent (the relay's log shows they were delivered)`;

export type ReleaseCommand = { list: true } | { release: string[] | 'all' } | { delivered: string[] };

/** Parses the command line; throws with the usage on anything it does not understand. */
export function parseReleaseArgs(args: string[]): ReleaseCommand {
  if (args.length === 0) return { list: true };
  if (args.length === 1 && args[0] === '--all') return { release: 'all' };
  const delivered = idList(args, '--delivered');
  if (delivered !== undefined) return { delivered };
  const ids = idList(args, '--ids');
  if (ids === undefined) throw new Error(USAGE);
  return { release: ids };
}

/** `--flag a,b` or `--flag=a,b`: the ids, or undefined when the arguments are not that flag. */
function idList(args: string[], flag: string): string[] | undefined {
  const joined = args[0] === flag && args.length === 2 ? args[1] : args.length === 1 && args[0].startsWith(`${flag}=`) ? args[0].slice(flag.length + 1) : undefined;
  if (joined === undefined) return undefined;
  const ids = joined.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
  const bad = ids.filter((id) => !UUID.test(id));
  if (ids.length === 0 || bad.length > 0) throw new Error(`not an email id: ${bad.join(', ') || '(none given)'}\n${USAGE}`);
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/** The Message-ID the email carries, to look for in the relay's log. */
export function heldMessageId(mail: HeldMail, domain: string): string {
  if (mail.kind === 'alert') return alertMessageId(mail.id, domain);
  if (mail.kind === 'ombudsman' && mail.ombudsmanKind && mail.ombudsmanKey) {
    return ombudsmanMessageId(mail.ombudsmanKind as 'weekly-summary' | 'rising-theme', mail.ombudsmanKey, mail.contactId, domain);
  }
  if (mail.kind === 'digest' && mail.frequency && mail.periodEnd && mail.timeZone) {
    return contactDigestMessageId(digestPeriodKey(mail.frequency as DigestPeriodFrequency, mail.periodEnd, mail.timeZone), mail.contactId, domain);
  }
  return '?';
}

function describe(mail: HeldMail, domain: string): string {
  return `${mail.kind}\t${mail.id}\t${heldMessageId(mail, domain)}\tto ${mail.email}\tattempts ${mail.sendAttempts}\tcreated ${mail.createdAt.toISOString()}\n  ${mail.reason}`;
}

/**
 * `npm run mail:release`: the operator's side of MAIL_IN_DOUBT=hold. An email whose sender
 * stopped after it may have reached the relay is held, not sent again (docs/mail.md). This
 * lists them; once the relay's log shows one was not delivered, `--ids` (or `--all`) puts it
 * back to pending, clearing its failure and lease, and the worker's outbox sweep sends it
 * with the same Message-ID within MAIL_DISPATCH_INTERVAL_MS; one the log shows delivered is
 * recorded as sent with `--delivered`. Only PostgreSQL is touched.
 */
async function main(): Promise<void> {
  const command = parseReleaseArgs(process.argv.slice(2));
  const config = loadConfig();
  const domain = messageIdDomain(config.mailFrom);
  const db = await new DataSource(dataSourceOptions({ ...config, poolSize: 1 })).initialize();
  const heldMail = new HeldMailRepository(db);
  try {
    if ('list' in command) {
      const held = await heldMail.list();
      for (const mail of held) process.stdout.write(`${describe(mail, domain)}\n`);
      process.stdout.write(`${held.length} email(s) held in doubt${held.length > 0 ? '; release with --ids <id>,<id> or --all' : ''}\n`);
      return;
    }
    if ('delivered' in command) {
      await recordDelivered(heldMail, command.delivered, domain);
      return;
    }
    const released = await heldMail.release(command.release);
    for (const mail of released) process.stdout.write(`released ${mail.kind} ${mail.id}\n`);
    const missing = command.release === 'all' ? [] : command.release.filter((id) => !released.some((mail) => mail.id === id));
    if (missing.length > 0) process.stdout.write(`not held (already sent, released, or unknown): ${missing.join(', ')}\n`);
    process.stdout.write(`${released.length} email(s) put back to be sent; the worker's outbox sweep sends them with the same Message-ID\n`);
  } finally {
    await db.destroy();
  }
}

/** `--delivered`: the held emails the relay did deliver, recorded as sent with the Message-ID they carried. */
async function recordDelivered(heldMail: HeldMailRepository, ids: string[], domain: string): Promise<void> {
  const held = (await heldMail.list()).filter((mail) => ids.includes(mail.id));
  const recorded = await heldMail.recordDelivered(held.map((mail) => ({ kind: mail.kind, id: mail.id, messageId: heldMessageId(mail, domain) })));
  for (const mail of recorded) process.stdout.write(`recorded as sent: ${mail.kind} ${mail.id}\n`);
  const missing = ids.filter((id) => !recorded.some((mail) => mail.id === id));
  if (missing.length > 0) process.stdout.write(`not held (already sent, released, or unknown): ${missing.join(', ')}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`mail:release failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
