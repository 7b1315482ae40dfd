import { parseDemoArgs, seedDemo } from '../scripts/seed-demo';
import { TestStack } from './support/test-stack';

describe('npm run seed:demo', () => {
  const stack = new TestStack();

  beforeAll(async () => {
    // Ingest only: idempotence is the API's answer, whether or not a worker has processed anything.
    await stack.start({ ingest: true });
  });

  afterAll(async () => {
    await stack.stop();
  });

  const count = async (sql: string): Promise<number> => Number((await stack.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`)).rows[0].n);

  it('loads organisations, contacts and complaints of the year before --as-of, and a second run creates nothing and gets the same ids', async () => {
    const options = parseDemoArgs(['--url', stack.baseUrl, '--token', stack.config.adminToken, '--complaints', '50', '--as-of', '2026-11-30'], {});
    const progress: number[] = [];

    const first = await seedDemo(options, () => undefined, (sent) => progress.push(sent));
    expect(first.organisationsCreated).toBe(11);
    expect(first.contactsAdded).toBe(13);
    expect(first.ids.size).toBe(50);
    expect(progress[progress.length - 1]).toBe(50);
    expect(await count(`organisation WHERE kind = 'public-body'`)).toBe(10);
    expect(await count(`organisation WHERE kind = 'ombudsman'`)).toBe(1);
    expect(await count('complaint')).toBe(50);
    const spread = await stack.db.query<{ oldest: Date; newest: Date; bodies: string; areas: string; outcomes: string }>(
      `SELECT min(received_at) AS oldest, max(received_at) AS newest, count(DISTINCT organisation_id) AS bodies,
              count(DISTINCT service_area) AS areas, count(DISTINCT outcome) AS outcomes FROM complaint`,
    );
    expect(spread.rows[0].oldest.getTime()).toBeGreaterThanOrEqual(Date.parse('2025-11-30T00:00:00Z'));
    expect(spread.rows[0].newest.getTime()).toBeLessThan(Date.parse('2026-11-30T00:00:00Z'));
    expect(spread.rows[0].newest.getTime() - spread.rows[0].oldest.getTime()).toBeGreaterThan(200 * 86_400_000);
    expect(Number(spread.rows[0].bodies)).toBe(10);
    expect(Number(spread.rows[0].areas)).toBeGreaterThanOrEqual(10);
    expect(Number(spread.rows[0].outcomes)).toBeGreaterThanOrEqual(4);
    expect(await count(`complaint WHERE closed_at < received_at OR closed_at > '2026-11-30'`)).toBe(0);

    const second = await seedDemo(options);
    expect(second.organisationsCreated).toBe(0);
    expect(second.contactsAdded).toBe(0);
    expect([...second.ids.entries()].sort()).toEqual([...first.ids.entries()].sort());
    expect(await count('organisation')).toBe(11);
    expect(await count('contact')).toBe(13);
    expect(await count('complaint')).toBe(50);
    expect(await count('complaint WHERE version > 1')).toBe(0);
    // The second run's own keys are revoked: each organisation keeps just the key it was created with.
    expect(await count('api_key WHERE revoked_at IS NULL')).toBe(11);
  });

  it('refuses unknown or malformed arguments, naming them', () => {
    expect(() => parseDemoArgs(['--complaint', '5'], {})).toThrow(/^unknown argument --complaint/);
    expect(() => parseDemoArgs(['--complaints', 'many'], {})).toThrow(/^--complaints: must be a whole number/);
    expect(() => parseDemoArgs(['--as-of', '2999-01-01'], {})).toThrow(/^--as-of: must not be after today/);
    expect(parseDemoArgs([], {}).url).toBe('http://localhost:3000');
    expect(parseDemoArgs([], {}).token).toBe('dev-admin-token');
  });
});
