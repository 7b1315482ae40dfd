import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import type { DigestPeriodFrequency } from '@app/domain/digest';
import { messageIdDomain } from '@app/mail';
import { dataSourceOptions, HeldMail, listHeldMail, releaseHeldMail } from '@app/persistence';
import { alertMessageId, contactDigestMessageId, digestPeriodKey, ombudsmanMessageId } from './mail/message-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = `usage: npm run mail:release [-- --ids <id>,<id>… | -- --all]
  without arguments: lists the emails held in doubt (MAIL_IN_DOUBT=hold)
  --ids a,b   puts those emails back to be sent once more, with the same Message-ID
  --all       puts every held email back`;

export type ReleaseCommand = { list: true } | { release: string[] | 'all' };

/** Parses the command line; throws with the usage on anything it does not understand. */
export function parseReleaseArgs(args: string[]): ReleaseCommand {
  if (args.length === 0) return { list: true };
  if (args.length === 1 && args[0] === '--all') return { release: 'all' };
  const joined = args[0] === '--ids' && args.length === 2 ? args[1] : args.length === 1 && args[0].startsWith('--ids=') ? args[0].slice('--ids='.length) : undefined;
  if (joined === undefined) throw new Error(USAGE);
  const ids = joined.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
  const bad = ids.filter((id) => !UUID.test(id));
  if (ids.length === 0 || bad.length > 0) throw new Error(`not an email id: ${bad.join(', ') || '(none given)'}\n${USAGE}`);
  return { release: [...new Set(ids.map((id) => id.toLowerCase()))] };
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
 * with the same Message-ID within MAIL_DISPATCH_INTERVAL_MS. Only PostgreSQL is touched.
 */
async function main(): Promise<void> {
  const command = parseReleaseArgs(process.argv.slice(2));
  const config = loadConfig();
  const domain = messageIdDomain(config.mailFrom);
  const db = await new DataSource(dataSourceOptions({ ...config, poolSize: 1 })).initialize();
  try {
    if ('list' in command) {
      const held = await listHeldMail(db);
      for (const mail of held) process.stdout.write(`${describe(mail, domain)}\n`);
      process.stdout.write(`${held.length} email(s) held in doubt${held.length > 0 ? '; release with --ids <id>,<id> or --all' : ''}\n`);
      return;
    }
    const released = await releaseHeldMail(db, command.release);
    for (const mail of released) process.stdout.write(`released ${mail.kind} ${mail.id}\n`);
    const missing = command.release === 'all' ? [] : command.release.filter((id) => !released.some((mail) => mail.id === id));
    if (missing.length > 0) process.stdout.write(`not held (already sent, released, or unknown): ${missing.join(', ')}\n`);
    process.stdout.write(`${released.length} email(s) put back to be sent; the worker's outbox sweep sends them with the same Message-ID\n`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`mail:release failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
