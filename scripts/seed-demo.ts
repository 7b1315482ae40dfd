/**
 * A realistic demo year for a running stack: every organisation in
 * apps/seed/src/data/organisations.json (an Ombudsman and ten public bodies across sectors)
 * with their contacts, and ~3,000 complaints received over the last twelve months (they all
 * arrive now), written by the benchmark's generator in its realistic mode.
 *
 *   npm run seed:demo [-- --url http://localhost:3000 --token dev-admin-token --complaints 3000
 *                         --seed 20261204 --as-of 2026-12-04 --web http://localhost:3001]
 *
 * Idempotent: organisations are found by name, contacts by email, and references come from the
 * seed, so running it again the same day (or with the same --as-of) creates nothing and the API
 * answers the same ids. Dates are laid out back from --as-of (default today, UTC): on a later
 * day the same references come back with moved dates, i.e. as new versions.
 */
import { ComplaintGenerator } from '../bench/lib/complaint-generator';
import type { ComplaintSubmission } from '../libs/domain/src/model/complaint';
import { IngestApiClient, SEED_ORGANISATIONS, signInLine, type SeedOrganisationSpec } from '../apps/seed/src';
import { DEV_ADMIN_TOKEN } from '../libs/config/src/deployment-settings';

const DAY_MS = 86_400_000;
/** The generator draws receivedAt from this window; it is stretched onto the year before --as-of. */
const GENERATOR_FROM = Date.UTC(2026, 0, 1);
const GENERATOR_DAYS = 301;
const YEAR_DAYS = 365;

export interface DemoOptions {
  url: string;
  token: string;
  complaints: number;
  seed: number;
  /** The last day of the demo year (UTC midnight); no complaint is received after it. */
  asOf: Date;
  webUrl: string;
}

export interface DemoResult {
  organisationsCreated: number;
  contactsAdded: number;
  /** Complaint id per `organisation name / reference`, as the API answered. */
  ids: Map<string, string>;
}

export const DEMO_USAGE =
  'usage: npm run seed:demo [-- --url http://localhost:3000] [--token <admin token>] [--complaints 3000] [--seed 20261204] [--as-of YYYY-MM-DD] [--web http://localhost:3001]';

export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, now = new Date()): DemoOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!['--url', '--token', '--complaints', '--seed', '--as-of', '--web'].includes(name)) throw new Error(`unknown argument ${name}\n${DEMO_USAGE}`);
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value\n${DEMO_USAGE}`);
    flags.set(name, value);
    i += 1;
  }
  const complaints = Number(flags.get('--complaints') ?? 3000);
  if (!Number.isInteger(complaints) || complaints < 0 || complaints > 100_000) throw new Error('--complaints: must be a whole number from 0 to 100000');
  const seed = Number(flags.get('--seed') ?? 20261204);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) throw new Error('--seed: must be a whole number');
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const asOfText = flags.get('--as-of');
  const asOf = asOfText === undefined ? today : new Date(`${asOfText}T00:00:00Z`);
  if (asOfText !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOfText) || Number.isNaN(asOf.getTime()))) throw new Error('--as-of: must be a date, YYYY-MM-DD');
  if (asOf.getTime() > today.getTime()) throw new Error('--as-of: must not be after today (complaints cannot be received in the future)');
  return {
    url: flags.get('--url') ?? 'http://localhost:3000',
    token: flags.get('--token') ?? env.ADMIN_TOKEN ?? DEV_ADMIN_TOKEN,
    complaints,
    seed,
    asOf,
    webUrl: flags.get('--web') ?? 'http://localhost:3001',
  };
}

/** Every demo body's complaints, dealt round-robin across the bodies, dated within the year before `asOf`. */
export function demoComplaints(bodies: readonly SeedOrganisationSpec[], options: Pick<DemoOptions, 'complaints' | 'seed' | 'asOf'>): ComplaintSubmission[][] {
  const generator = new ComplaintGenerator({ seed: options.seed, referencePrefix: `D${options.seed.toString(36).toUpperCase()}`, variety: 'realistic' });
  // The generator gives organisation index i the sector i % 4, in the order organisations() lists them.
  const sectorOrder: string[] = new ComplaintGenerator().organisations(4).map((organisation) => organisation.sector);
  const indexOf = bodies.map((body, position) => {
    const sector = sectorOrder.indexOf(body.sector);
    if (sector < 0) throw new Error(`${body.name}: the generator has no ${body.sector} sector`);
    return position * sectorOrder.length + sector;
  });
  const byBody: ComplaintSubmission[][] = bodies.map(() => []);
  for (let i = 0; i < options.complaints; i += 1) {
    const position = i % bodies.length;
    byBody[position].push(redate(generator.record(indexOf[position]), options.asOf.getTime()));
  }
  return byBody;
}

/** Stretches the generator's window onto the year before `end`, keeping each case's length; near duplicates keep their original's dates. */
function redate(record: ComplaintSubmission, end: number): ComplaintSubmission {
  const received = Date.parse(record.receivedAt);
  const share = Math.min(Math.max((received - GENERATOR_FROM) / (GENERATOR_DAYS * DAY_MS), 0), 0.9999);
  const newReceived = Math.round(end - YEAR_DAYS * DAY_MS + share * YEAR_DAYS * DAY_MS);
  const moved: ComplaintSubmission = { ...record, receivedAt: new Date(newReceived).toISOString() };
  if (record.closedAt !== undefined) {
    const closed = newReceived + (Date.parse(record.closedAt) - received);
    moved.closedAt = new Date(Math.max(newReceived, Math.min(closed, end - 60_000))).toISOString();
  }
  return moved;
}

export async function seedDemo(options: DemoOptions, say: (line: string) => void = () => undefined, progress: (sent: number, total: number) => void = () => undefined): Promise<DemoResult> {
  const api = new IngestApiClient(options.url, options.token);
  if (!(await api.healthy())) throw new Error(`no healthy ingest answers at ${options.url}/health: start the stack with \`npm start\`, or pass --url`);
  const existing = new Map<string, string>();
  for (const organisation of await api.listOrganisations()) if (!existing.has(`${organisation.kind}/${organisation.name}`)) existing.set(`${organisation.kind}/${organisation.name}`, organisation.id);

  const result: DemoResult = { organisationsCreated: 0, contactsAdded: 0, ids: new Map() };
  const keys = new Map<string, { id: string; apiKey: string; temporaryKeyId?: string }>();
  try {
    for (const spec of SEED_ORGANISATIONS) {
      let id = existing.get(`${spec.kind}/${spec.name}`);
      if (id === undefined) {
        const created = await api.createOrganisation({ name: spec.name, kind: spec.kind, sector: spec.sector, type: spec.type, region: spec.region });
        id = created.id;
        keys.set(spec.key, created);
        result.organisationsCreated += 1;
      }
      for (const contact of spec.contacts) if ((await api.addContact(id, contact)) === 'added') result.contactsAdded += 1;
      if (spec.kind === 'public-body' && !keys.has(spec.key)) {
        // The key issued at creation was shown once and is gone: use a new one for this run only.
        const issued = await api.issueKey(id);
        keys.set(spec.key, { id, apiKey: issued.apiKey, temporaryKeyId: issued.id });
      }
    }
    say(`organisations: ${result.organisationsCreated} created, ${SEED_ORGANISATIONS.length - result.organisationsCreated} already there; contacts: ${result.contactsAdded} added`);

    const bodies = SEED_ORGANISATIONS.filter((spec) => spec.kind === 'public-body');
    const complaints = demoComplaints(bodies, options);
    let sent = 0;
    for (const [position, body] of bodies.entries()) {
      const records = complaints[position];
      const key = keys.get(body.key);
      if (!key || records.length === 0) continue;
      const ids = await api.submitComplaints(key.apiKey, records, (count) => progress((sent += count), options.complaints));
      records.forEach((record, index) => result.ids.set(`${body.name} / ${record.reference}`, ids[index]));
    }
  } finally {
    for (const [, key] of keys) if (key.temporaryKeyId) await api.revokeKey(key.id, key.temporaryKeyId).catch(() => undefined);
  }
  return result;
}

async function main(): Promise<void> {
  const options = parseDemoArgs(process.argv.slice(2));
  const say = (line: string) => process.stdout.write(`[seed:demo] ${line}\n`);
  say(`loading a demo year into ${options.url}: ${options.complaints.toLocaleString('en-GB')} complaints received up to ${options.asOf.toISOString().slice(0, 10)}, seed ${options.seed}`);
  const interactive = process.stdout.isTTY === true;
  const result = await seedDemo(options, say, (sent, total) => {
    const line = `complaints sent: ${sent.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}`;
    if (interactive) process.stdout.write(`\r[seed:demo] ${line}`);
    else say(line);
  });
  if (interactive && options.complaints > 0) process.stdout.write('\n');
  say(`done: ${result.ids.size.toLocaleString('en-GB')} complaints accepted (the same ids as before for any already sent); the worker processes new ones in the background`);
  say(signInLine(options.webUrl, 'in ./var/outbox (with `npm start` defaults)'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[seed:demo] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
