import { IngestApiClient } from './ingest-api.client';
import { buildSampleComplaints } from './sample-complaints';
import { decideSampleSeeding, type SampleSeedingSettings } from './sample-seeding.rule';
import { SAMPLE_ORGANISATIONS } from './seed-organisations';

export type SampleOutcome =
  | { kind: 'seeded'; organisations: number; contacts: number; complaints: number }
  | { kind: 'skipped'; reason: string };

export interface FirstStartSampleOptions {
  settings: SampleSeedingSettings;
  ingestUrl: string;
  adminToken: string;
  now?: Date;
  /** How long ingest may take to answer `/health` (migrations run first on a new database). */
  readyTimeoutMs?: number;
}

/**
 * The first start's sample: if the rules allow (`decideSampleSeeding`), waits for ingest to be
 * healthy, then loads the sample through the API unless an organisation exists.
 */
export async function loadSampleOnFirstStart(options: FirstStartSampleOptions): Promise<SampleOutcome> {
  const decision = decideSampleSeeding(options.settings);
  if (!decision.seed) return { kind: 'skipped', reason: decision.reason };
  const api = new IngestApiClient(options.ingestUrl, options.adminToken);
  await waitUntilHealthy(api, options.readyTimeoutMs ?? 180_000);
  return seedSampleData(api, options.now ?? new Date());
}

/**
 * An Ombudsman and three public bodies with their contacts, and their complaints of the last
 * eight weeks, created through the real API (the worker redacts and classifies them as it
 * would real ones). Does nothing if any organisation exists.
 */
export async function seedSampleData(api: IngestApiClient, now: Date): Promise<SampleOutcome> {
  if (await api.anyOrganisation()) return { kind: 'skipped', reason: 'organisations already exist' };
  const complaints = buildSampleComplaints(now);
  let contacts = 0;
  let submitted = 0;
  for (const spec of SAMPLE_ORGANISATIONS) {
    const { id, apiKey } = await api.createOrganisation({ name: spec.name, kind: spec.kind, sector: spec.sector, type: spec.type, region: spec.region });
    for (const contact of spec.contacts) if ((await api.addContact(id, contact)) === 'added') contacts += 1;
    const records = complaints.get(spec.key) ?? [];
    if (records.length > 0) submitted += (await api.submitComplaints(apiKey, records)).length;
  }
  return { kind: 'seeded', organisations: SAMPLE_ORGANISATIONS.length, contacts, complaints: submitted };
}

async function waitUntilHealthy(api: IngestApiClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await api.healthy())) {
    if (Date.now() > deadline) throw new Error(`ingest did not answer /health within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
