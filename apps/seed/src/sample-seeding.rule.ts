/**
 * When the first `npm start` loads sample data. The sample invents organisations and contacts
 * that can sign in, so it goes only where nobody could mistake them for real ones:
 *
 * - NODE_ENV is `development` (what `npm start` sets when NODE_ENV is unset): never in
 *   production or staging, and not under `test`, whose stacks seed nothing by themselves;
 * - neither DATABASE_URL nor ADMIN_TOKEN is set: with both on their development defaults the
 *   database is the local one (or the embedded PGlite). A given DATABASE_URL may be shared or a
 *   fresh deployment's, and an empty database does not tell them apart; SEED_SAMPLE=1 says it is
 *   a scratch one. SEED_SAMPLE=0 turns the sample off altogether;
 * - and no organisation exists yet, checked through the API just before seeding
 *   (`seedSampleData`), so a database somebody has used is never touched, and a second start
 *   seeds nothing.
 */
export interface SampleSeedingSettings {
  /** NODE_ENV as the configuration read it. */
  nodeEnv: string;
  databaseUrlGiven: boolean;
  adminTokenGiven: boolean;
  /** SEED_SAMPLE as given: unset, `1`/`true` or `0`/`false`. */
  seedSample: string | undefined;
}

export type SampleSeedingDecision = { seed: true } | { seed: false; reason: string };

export function decideSampleSeeding(settings: SampleSeedingSettings): SampleSeedingDecision {
  const choice = parseSeedSample(settings.seedSample);
  if (settings.nodeEnv !== 'development') return { seed: false, reason: `NODE_ENV is ${settings.nodeEnv || 'unset'}; sample data is loaded in development only` };
  if (choice === 'never') return { seed: false, reason: 'SEED_SAMPLE=0' };
  if (choice === 'auto' && (settings.databaseUrlGiven || settings.adminTokenGiven)) {
    const given = [settings.databaseUrlGiven && 'DATABASE_URL', settings.adminTokenGiven && 'ADMIN_TOKEN'].filter(Boolean).join(' and ');
    return { seed: false, reason: `${given} ${settings.databaseUrlGiven && settings.adminTokenGiven ? 'are' : 'is'} set; SEED_SAMPLE=1 loads it into an empty database` };
  }
  return { seed: true };
}

function parseSeedSample(value: string | undefined): 'auto' | 'always' | 'never' {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '') return 'auto';
  if (text === '1' || text === 'true') return 'always';
  if (text === '0' || text === 'false') return 'never';
  throw new Error('SEED_SAMPLE: must be 1 (load sample data into an empty database even with DATABASE_URL or ADMIN_TOKEN set) or 0 (never load it)');
}
