import { ApiClient } from './support/api-client';
import { createOrganisation, CreatedOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface Organisation {
  id: string;
  name: string;
  kind: string;
  sector: string;
  type: string | null;
  region: string | null;
  suspended: boolean;
  createdAt: string;
}
type Page = { items: Organisation[]; nextCursor: string | null };
type ErrorBody = { details: Array<{ field: string }> };

describe('organisations list (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  let admin: string;
  let body: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;
  let council: CreatedOrganisation;
  const list = (query: string, token = admin) => api.get<Page>(`/v1/organisations${query}`, { token });

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    api = new ApiClient(stack.baseUrl);
    admin = stack.config.adminToken;
    body = await createOrganisation(api, admin, { name: 'Bramble NHS Trust' });
    ombudsman = await createOrganisation(api, admin, { name: 'Ombudsman', kind: 'ombudsman', sector: 'other' });
    council = await createOrganisation(api, admin, { name: 'Ashford Council', sector: 'local-government' });
    await createOrganisation(api, admin, { name: 'Coastal Care', sector: 'social-care', type: undefined, region: 'South West' });
    expect((await api.request('PATCH', `/v1/organisations/${council.id}`, { token: admin, body: { suspended: true } })).status).toBe(200);
  }, 180_000);

  afterAll(() => stack.stop());

  it('lists every organisation by name for the admin, with the documented fields', async () => {
    const page = (await list('')).body;
    expect(page.items.map((o) => o.name)).toEqual(['Ashford Council', 'Bramble NHS Trust', 'Coastal Care', 'Ombudsman']);
    expect(page.nextCursor).toBeNull();
    const ashford = page.items[0];
    expect({ ...ashford, createdAt: undefined }).toEqual({
      id: council.id,
      name: 'Ashford Council',
      kind: 'public-body',
      sector: 'local-government',
      type: 'NHS trust',
      region: null,
      suspended: true,
      createdAt: undefined,
    });
    expect(Date.now() - Date.parse(ashford.createdAt)).toBeLessThan(10 * 60_000);
    expect(page.items.find((o) => o.name === 'Coastal Care')?.region).toBe('South West');
  });

  it('lets the Ombudsman list them too, filtered by kind and sector', async () => {
    expect((await list('?kind=ombudsman', ombudsman.apiKey)).body.items.map((o) => o.id)).toEqual([ombudsman.id]);
    expect((await list('?sector=health', ombudsman.apiKey)).body.items.map((o) => o.id)).toEqual([body.id]);
    expect((await list('?kind=public-body&sector=social-care')).body.items.map((o) => o.name)).toEqual(['Coastal Care']);
  });

  it('pages with an opaque cursor', async () => {
    const first = (await list('?limit=3')).body;
    expect(first.items.map((o) => o.name)).toEqual(['Ashford Council', 'Bramble NHS Trust', 'Coastal Care']);
    const second = (await list(`?limit=3&cursor=${first.nextCursor}`)).body;
    expect(second.items.map((o) => o.name)).toEqual(['Ombudsman']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a public body (403) and anyone unauthenticated (401)', async () => {
    expect((await list('', body.apiKey)).status).toBe(403);
    expect((await api.get('/v1/organisations')).status).toBe(401);
  });

  it('answers 400 naming each bad parameter', async () => {
    for (const [query, field] of [['?kind=agency', 'kind'], ['?sector=space', 'sector'], ['?limit=0', 'limit'], ['?limit=501', 'limit'], ['?cursor=%%%', 'cursor'], ['?name=x', 'name']]) {
      const response = await api.get<ErrorBody>(`/v1/organisations${query}`, { token: admin });
      expect({ query, status: response.status, fields: response.body.details?.map((d) => d.field) }).toEqual({ query, status: 400, fields: [field] });
    }
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await api.get<{ paths: Record<string, Record<string, unknown>> }>('/docs/openapi.json')).body;
    expect(Object.keys(doc.paths['/v1/organisations'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v1/organisations/{id}/contacts/{contactId}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
  });
});
