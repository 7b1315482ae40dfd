export { IngestApiClient, SEED_BATCH_SIZE, type ListedOrganisation, type SeedContact, type SeedOrganisation } from './ingest-api.client';
export { loadSampleOnFirstStart, seedSampleData, type FirstStartSampleOptions, type SampleOutcome } from './sample-data.seeder';
export { decideSampleSeeding, type SampleSeedingDecision, type SampleSeedingSettings } from './sample-seeding.rule';
export { SAMPLE_ORGANISATIONS, SEED_ORGANISATIONS, SIGN_IN_ADDRESSES, signInLine, type SeedOrganisationSpec } from './seed-organisations';
