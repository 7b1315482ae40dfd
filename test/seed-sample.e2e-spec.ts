import { decideSampleSeeding, loadSampleOnFirstStart, type SampleSeedingSettings } from '../apps/seed/src';
import { TestStack } from './support/test-stack';

/** What the launcher passes on a plain `npm start`: development, nothing configured. */
const DEVELOPMENT_DEFAULTS: SampleSeedingSettings = { nodeEnv: 'development', databaseUrlGiven: false, adminTokenGiven: false, seedSample: undefined };

describe('sample data on the first start (apps/seed, called by the launcher)', () => {
  const stack = new TestStack();

  beforeAll(async () => {
    await stack.start();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const count = async (table: string): Promise<number> => Number((await stack.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const firstStart = (settings: SampleSeedingSettings) =>
    loadSampleOnFirstStart({ settings, ingestUrl: stack.baseUrl, adminToken: stack.config.adminToken, readyTimeoutMs: 10_000 });

  it('loads nothing outside development, with DATABASE_URL or ADMIN_TOKEN given, or with SEED_SAMPLE=0', async () => {
    const refused: Array<[Partial<SampleSeedingSettings>, string]> = [
      [{ nodeEnv: 'production' }, 'NODE_ENV is production; sample data is loaded in development only'],
      [{ nodeEnv: 'test' }, 'NODE_ENV is test; sample data is loaded in development only'],
      [{ nodeEnv: 'production', seedSample: '1' }, 'NODE_ENV is production; sample data is loaded in development only'],
      [{ databaseUrlGiven: true }, 'DATABASE_URL is set; SEED_SAMPLE=1 loads it into an empty database'],
      [{ adminTokenGiven: true }, 'ADMIN_TOKEN is set; SEED_SAMPLE=1 loads it into an empty database'],
      [{ seedSample: '0' }, 'SEED_SAMPLE=0'],
    ];
    for (const [change, reason] of refused) {
      await expect(firstStart({ ...DEVELOPMENT_DEFAULTS, ...change })).resolves.toEqual({ kind: 'skipped', reason });
    }
    expect(await count('organisation')).toBe(0);
  });

  it('names a bad SEED_SAMPLE, and lets SEED_SAMPLE=1 load into a given database', () => {
    expect(() => decideSampleSeeding({ ...DEVELOPMENT_DEFAULTS, seedSample: 'yes' })).toThrow(/^SEED_SAMPLE: must be 1/);
    expect(decideSampleSeeding({ ...DEVELOPMENT_DEFAULTS, databaseUrlGiven: true, adminTokenGiven: true, seedSample: '1' })).toEqual({ seed: true });
  });

  it('loads the sample into an empty database with development defaults, through the API, and the worker redacts it', async () => {
    await expect(firstStart(DEVELOPMENT_DEFAULTS)).resolves.toEqual({ kind: 'seeded', organisations: 4, contacts: 6, complaints: 60 });

    const organisations = await stack.db.query<{ name: string; kind: string; sector: string; complaints: string }>(
      `SELECT o.name, o.kind, o.sector, (SELECT count(*) FROM complaint c WHERE c.organisation_id = o.id) AS complaints FROM organisation o ORDER BY o.name`,
    );
    expect(organisations.rows).toEqual([
      { name: 'Hilltop Borough Council', kind: 'public-body', sector: 'local-government', complaints: '20' },
      { name: 'Northern Benefits Agency', kind: 'public-body', sector: 'central-government', complaints: '20' },
      { name: 'Public Services Ombudsman (sample)', kind: 'ombudsman', sector: 'other', complaints: '0' },
      { name: 'Riverside NHS Foundation Trust', kind: 'public-body', sector: 'health', complaints: '20' },
    ]);
    const contacts = await stack.db.query<{ email: string }>(`SELECT email FROM contact ORDER BY email`);
    expect(contacts.rows.map((row) => row.email)).toEqual(expect.arrayContaining(['ombudsman@ombudsman.example', 'maternity@riverside.example']));

    // Received over the last eight weeks; every one arrived now.
    const span = await stack.db.query<{ oldest_days: number; newest_days: number; outcomes: string }>(
      `SELECT floor(extract(epoch FROM now() - min(received_at)) / 86400)::int AS oldest_days,
              floor(extract(epoch FROM now() - max(received_at)) / 86400)::int AS newest_days,
              count(DISTINCT outcome) AS outcomes FROM complaint`,
    );
    expect(span.rows[0].oldest_days).toBeGreaterThanOrEqual(49);
    expect(span.rows[0].oldest_days).toBeLessThanOrEqual(56);
    expect(span.rows[0].newest_days).toBeLessThanOrEqual(2);
    expect(Number(span.rows[0].outcomes)).toBe(6);

    await stack.waitFor(async () => (await count(`complaint WHERE status IN ('received', 'processing')`)) === 0, 'the sample to be processed');
    const first = await stack.db.query<{ summary: string; redacted_summary: string }>(`SELECT summary, redacted_summary FROM complaint WHERE reference = 'RNF-S001'`);
    expect(first.rows[0].summary).toContain('07700 900123');
    expect(first.rows[0].redacted_summary).not.toContain('07700 900123');
    expect(first.rows[0].redacted_summary).not.toContain('Patel');
  });

  it('loads nothing on the next start: an organisation exists', async () => {
    await expect(firstStart(DEVELOPMENT_DEFAULTS)).resolves.toEqual({ kind: 'skipped', reason: 'organisations already exist' });
    expect(await count('organisation')).toBe(4);
    expect(await count('complaint')).toBe(60);
  });
});
