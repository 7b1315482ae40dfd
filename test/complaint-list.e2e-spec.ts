import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface Item {
  id: string;
  organisationId: string;
  reference: string;
  status: string;
  receivedAt: string;
  serviceArea: string;
  outcome: string;
  severity: string | null;
  themes: string[];
  duplicateOf: string | null;
  failure?: { reason: string; failedAt: string; attempts: number };
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}
interface ErrorBody {
  statusCode: number;
  details: Array<{ field: string; message: string }>;
}

/**
 * GET /v1/complaints through real HTTP on the real ingest and PostgreSQL. The worker is not
 * started, so each complaint keeps the state the test gives it: the pipeline's results
 * (status, themes, severity, failure) are written as the worker would write them.
 */
describe('complaint list (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let north: CreatedOrganisation;
  let south: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;
  const ids: Record<string, string> = {};

  /** Submits one open complaint and notes its id under `key`. */
  const submit = async (org: CreatedOrganisation, key: string, overrides: Record<string, unknown>): Promise<string> => {
    [ids[key]] = await submitComplaints(api, org.apiKey, [complaintRecord({ closedAt: undefined, ...overrides })]);
    return ids[key];
  };
  const list = (token: string, query = '') => api.get<Page>(`/v1/complaints${query}`, { token });
  const listed = async (token: string, query = ''): Promise<string[]> => {
    const response = await list(token, query);
    expect(response.status).toBe(200);
    return response.body.items.map((item) => item.id);
  };
  const named = (...keys: string[]) => keys.map((key) => ids[key]);

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    north = await createOrganisation(api, admin, { name: 'Northshire Hospitals NHS Trust' });
    south = await createOrganisation(api, admin, { name: 'Southvale Council', sector: 'local-government' });
    ombudsman = await createOrganisation(api, admin, { name: 'Ombudsman', kind: 'ombudsman', sector: 'other' });

    await submit(north, 'n1', { reference: 'NS-2026-001', receivedAt: '2026-03-01T10:00:00Z', serviceArea: 'Maternity' });
    await submit(north, 'n2', { reference: 'NS-2026-002', receivedAt: '2026-03-05T10:00:00Z', serviceArea: 'Emergency department' });
    await submit(north, 'n3', { reference: 'ns-2026-010', receivedAt: '2026-03-10T00:00:00Z', serviceArea: 'maternity' });
    await submit(north, 'n4', { reference: 'NS-2025-999', receivedAt: '2026-03-15T09:00:00Z', serviceArea: 'Outpatients' });
    await submit(north, 'n5', { reference: 'NS_100%', receivedAt: '2026-03-20T09:00:00Z', serviceArea: 'Outpatients' });
    await submit(south, 's1', { reference: 'NS-2026-001', receivedAt: '2026-03-12T09:00:00Z', serviceArea: 'Housing repairs' });
    await submit(south, 's2', { reference: 'SV-7', receivedAt: '2026-03-02T09:00:00Z', serviceArea: 'Maternity' });

    // What the pipeline would have recorded.
    const set = (key: string, sql: string, params: unknown[] = []) => stack.db.query(`UPDATE complaint SET ${sql} WHERE id = $1`, [ids[key], ...params]);
    await set('n1', `status = 'processed', severity = 'serious', themes = '{clinical-care,communication}'`);
    await set('n2', `status = 'failed', failure_reason = 'classification failed: model unavailable', attempts = 3`);
    await set('n3', `status = 'processed', severity = 'low', themes = '{communication}'`);
    await set('n4', `status = 'duplicate', duplicate_of = $2, severity = 'serious', themes = '{delay}'`, [ids.n1]);
    await set('s1', `status = 'processed', severity = 'serious', themes = '{housing,communication}'`);
  }, 180_000);

  afterAll(() => stack.stop());

  it('shows a body its own complaints only, newest received first, with the documented fields', async () => {
    const page = (await list(north.apiKey)).body;
    expect(page.items.map((item) => item.id)).toEqual(named('n5', 'n4', 'n3', 'n2', 'n1'));
    expect(page.nextCursor).toBeNull();
    expect(await listed(south.apiKey)).toEqual(named('s1', 's2'));

    const n4 = page.items.find((item) => item.id === ids.n4);
    expect(n4).toEqual({
      id: ids.n4,
      organisationId: north.id,
      reference: 'NS-2025-999',
      status: 'duplicate',
      receivedAt: '2026-03-15T09:00:00.000Z',
      serviceArea: 'Outpatients',
      outcome: 'upheld',
      severity: 'serious',
      themes: ['delay'],
      duplicateOf: ids.n1,
    });
  });

  it('never lets a body reach another body’s complaints, by filter or by organisationId', async () => {
    expect(await listed(north.apiKey, '?reference=NS-2026-001')).toEqual(named('n1'));
    expect(await listed(north.apiKey, '?theme=housing')).toEqual([]);
    const refused = await api.get<ErrorBody>(`/v1/complaints?organisationId=${south.id}`, { token: north.apiKey });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([{ field: 'organisationId', message: 'is not a known parameter' }]);
    expect((await api.get(`/v1/complaints/${ids.s1}`, { token: north.apiKey })).status).toBe(404);
  });

  it('shows the Ombudsman every body’s complaints, and one body’s on request', async () => {
    expect(await listed(ombudsman.apiKey)).toEqual(named('n5', 'n4', 's1', 'n3', 'n2', 's2', 'n1'));
    expect(await listed(ombudsman.apiKey, `?organisationId=${south.id}`)).toEqual(named('s1', 's2'));
    expect(await listed(ombudsman.apiKey, `?organisationId=${south.id}&reference=ns-2026-001`)).toEqual(named('s1'));
  });

  it('lists failed complaints with their failure reason, and no failure on the others', async () => {
    const failed = (await list(north.apiKey, '?status=failed')).body.items;
    expect(failed.map((item) => [item.id, item.status, item.failure?.reason, item.failure?.attempts])).toEqual([
      [ids.n2, 'failed', 'classification failed: model unavailable', 3],
    ]);
    const others = (await list(north.apiKey, '?status=processed')).body.items;
    expect(others.map((item) => item.id)).toEqual(named('n3', 'n1'));
    expect(others.every((item) => !('failure' in item))).toBe(true);
  });

  it('filters by theme, severity and service area (whole, case-insensitive), and combines filters', async () => {
    expect(await listed(north.apiKey, '?theme=communication')).toEqual(named('n3', 'n1'));
    expect(await listed(ombudsman.apiKey, '?theme=communication')).toEqual(named('s1', 'n3', 'n1'));
    expect(await listed(north.apiKey, '?severity=serious')).toEqual(named('n4', 'n1'));
    expect(await listed(north.apiKey, '?severity=serious&theme=delay')).toEqual(named('n4'));
    expect(await listed(north.apiKey, '?serviceArea=MATERNITY')).toEqual(named('n3', 'n1'));
    expect(await listed(north.apiKey, '?serviceArea=Matern')).toEqual([]);
    expect(await listed(ombudsman.apiKey, '?serviceArea=maternity')).toEqual(named('n3', 's2', 'n1'));
  });

  it('filters receivedAt from (inclusive) to (exclusive), by day or by instant', async () => {
    expect(await listed(north.apiKey, '?from=2026-03-05&to=2026-03-15')).toEqual(named('n3', 'n2'));
    expect(await listed(north.apiKey, '?from=2026-03-10T00:00:00Z')).toEqual(named('n5', 'n4', 'n3'));
    expect(await listed(north.apiKey, '?to=2026-03-10T00:00:00Z')).toEqual(named('n2', 'n1'));
    expect(await listed(north.apiKey, `?from=${encodeURIComponent('2026-03-15T10:00:00+01:00')}`)).toEqual(named('n5', 'n4'));
  });

  it('finds references by case-insensitive prefix, with % and _ taken literally', async () => {
    expect(await listed(north.apiKey, '?reference=ns-2026-01')).toEqual(named('n3'));
    expect(await listed(north.apiKey, '?reference=NS-2026')).toEqual(named('n3', 'n2', 'n1'));
    expect(await listed(north.apiKey, '?reference=ns-2025-999')).toEqual(named('n4'));
    expect(await listed(north.apiKey, `?reference=${encodeURIComponent('NS_100%')}`)).toEqual(named('n5'));
    expect(await listed(north.apiKey, `?reference=${encodeURIComponent('NS%')}`)).toEqual([]);
    expect(await listed(north.apiKey, '?reference=NS_')).toEqual(named('n5'));
  });

  it('pages with an opaque cursor: every complaint exactly once, even when complaints arrive between pages', async () => {
    const org = await createOrganisation(api, stack.config.adminToken, { name: 'Pagewell Trust' });
    const original: string[] = [];
    for (let day = 1; day <= 7; day += 1) original.push(await submit(org, `p${day}`, { receivedAt: `2026-04-0${day}T12:00:00Z` }));
    // Two complaints received the same instant: the id breaks the tie, so the order is total.
    original.push(await submit(org, 'p4b', { receivedAt: '2026-04-04T12:00:00Z' }));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; body: Page } = await list(org.apiKey, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((item) => item.id));
      cursor = response.body.nextCursor;
      pages += 1;
      if (pages === 1) {
        // Arrivals between pages: one newer than the first page, one older than everything so far, one among those already seen.
        await submit(org, 'newer', { receivedAt: '2026-04-09T12:00:00Z' });
        await submit(org, 'older', { receivedAt: '2026-03-31T12:00:00Z' });
        await submit(org, 'inside', { receivedAt: '2026-04-06T18:00:00Z' });
      }
    } while (cursor && pages < 10);

    expect(pages).toBe(3);
    // Same receivedAt: the larger id comes first (receivedAt desc, id desc).
    const tie = ids.p4b > ids.p4 ? ['p4b', 'p4'] : ['p4', 'p4b'];
    expect(seen).toEqual(named('p7', 'p6', 'p5', ...tie, 'p3', 'p2', 'p1', 'older'));
    expect(seen).toEqual(expect.arrayContaining(original));
    expect(seen).not.toContain(ids.newer);
    expect(seen).not.toContain(ids.inside);
  });

  it('answers 400 naming each bad parameter', async () => {
    const cases: Array<[string, string]> = [
      ['?status=lost', 'status'],
      ['?theme=parking', 'theme'],
      ['?severity=catastrophic', 'severity'],
      ['?serviceArea=', 'serviceArea'],
      [`?serviceArea=${'x'.repeat(201)}`, 'serviceArea'],
      ['?from=2026-02-30', 'from'],
      ['?from=2026-03-01T10:00:00', 'from'],
      ['?to=yesterday', 'to'],
      ['?from=2026-03-10&to=2026-03-01', 'to'],
      [`?reference=${'R'.repeat(101)}`, 'reference'],
      ['?cursor=not-a-cursor', 'cursor'],
      [`?cursor=${Buffer.from('["2026-01-01 00:00:00+00","x"]').toString('base64url')}`, 'cursor'],
      [`?cursor=${Buffer.from('["2026-02-30 00:00:00+00","9b2f3a52-0c9e-4c3e-9d57-2d1b1a0f0e11"]').toString('base64url')}`, 'cursor'],
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=ten', 'limit'],
      ['?status=failed&status=processed', 'status'],
      ['?colour=blue', 'colour'],
    ];
    for (const [query, field] of cases) {
      const response = await api.get<ErrorBody>(`/v1/complaints${query}`, { token: north.apiKey });
      expect({ query, status: response.status, fields: response.body.details.map((d) => d.field) }).toEqual({ query, status: 400, fields: [field] });
    }
    const ombudsmanBad = await api.get<ErrorBody>('/v1/complaints?organisationId=nope', { token: ombudsman.apiKey });
    expect(ombudsmanBad.body.details.map((d) => d.field)).toEqual(['organisationId']);
    expect((await list(north.apiKey, '?limit=200')).status).toBe(200);
  });

  it('is for organisations only, and documented in OpenAPI', async () => {
    expect((await api.get('/v1/complaints')).status).toBe(401);
    expect((await api.get('/v1/complaints', { token: stack.config.adminToken })).status).toBe(403);
    const doc = (await api.get<{ paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> }>('/docs/openapi.json')).body;
    expect((doc.paths['/v1/complaints']?.get?.parameters ?? []).map((p) => p.name).sort()).toEqual(
      ['cursor', 'from', 'limit', 'organisationId', 'reference', 'serviceArea', 'severity', 'status', 'theme', 'to'],
    );
  });
});

