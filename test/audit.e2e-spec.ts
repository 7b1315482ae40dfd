import { ApiClient } from './support/api-client';
import { createContact, createOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface AuditItem {
  id: string;
  action: string;
  actorKind: string;
  actorId: string | null;
  actorKeyId: string | null;
  subjectType: string;
  subjectId: string | null;
  organisationId: string | null;
  detail: Record<string, unknown>;
}
type Page = { items: AuditItem[]; next: string | null };

describe('audit trail of changes (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();
  let api: ApiClient;
  const admin = () => stack.config.adminToken;
  const audit = (query: string, token = admin()) => api.get<Page>(`/v1/audit${query}`, { token });

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    api = new ApiClient(stack.baseUrl);
  });

  afterAll(() => stack.stop());

  it('records organisation creation, contacts and routing rule changes, with the actor', async () => {
    const body = await createOrganisation(api, admin(), { name: 'Audited Practice' });
    const contact = await createContact(api, body.apiKey, body.id, { name: 'Practice manager', email: 'pm@practice.example', digest: 'weekly' });
    const rule = await api.post<{ id: string }>('/v1/routing-rules', {
      token: admin(),
      body: { name: 'Safeguarding to the Ombudsman', match: { themes: ['safeguarding'] }, target: { kind: 'ombudsman' }, mode: 'immediate' },
    });
    expect((await api.request('DELETE', `/v1/routing-rules/${rule.body.id}`, { token: admin() })).status).toBe(204);

    const own = (await audit(`?organisationId=${body.id}`)).body.items;
    expect(own.map((e) => e.action)).toEqual(['contact.add', 'organisation.create']);
    const [keyId] = (await api.get<Array<{ id: string }>>(`/v1/organisations/${body.id}/api-keys`, { token: admin() })).body.map((k) => k.id);
    expect(own[0]).toMatchObject({ actorKind: 'organisation', actorId: body.id, actorKeyId: keyId, subjectType: 'contact', subjectId: contact.id });
    expect(own[1]).toMatchObject({ actorKind: 'admin', subjectId: body.id, detail: { kind: 'public-body', sector: 'health', keyId } });
    // Identifiers only: no contact's name or email in the trail.
    expect(JSON.stringify(own)).not.toContain('pm@practice.example');

    const rules = (await audit('?action=routing-rule.create')).body.items.concat((await audit('?action=routing-rule.delete')).body.items);
    expect(rules).toEqual([
      expect.objectContaining({ action: 'routing-rule.create', actorKind: 'admin', subjectId: rule.body.id }),
      expect.objectContaining({ action: 'routing-rule.delete', actorKind: 'admin', subjectId: rule.body.id }),
    ]);
  });

  it('pages newest first with before/limit, and validates its query', async () => {
    for (let i = 0; i < 3; i += 1) await createOrganisation(api, admin(), { name: `Paged body ${i}` });
    const first = (await audit('?action=organisation.create&limit=2')).body;
    expect(first.items).toHaveLength(2);
    expect(first.next).toBe(first.items[1].id);
    const second = (await audit(`?action=organisation.create&limit=2&before=${first.next}`)).body;
    expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[1].id));
    expect([...first.items, ...second.items].map((e) => Number(e.id))).toEqual([...first.items, ...second.items].map((e) => Number(e.id)).sort((a, b) => b - a));
    for (const bad of ['?limit=0', '?limit=5000', '?organisationId=nope', '?before=abc', '?colour=red', '?action=DROP%20TABLE']) {
      expect({ bad, status: (await audit(bad)).status }).toEqual({ bad, status: 400 });
    }
  });

  it('documents keys, suspension, audit and merges in OpenAPI', async () => {
    const doc = (await api.get<{ paths: Record<string, Record<string, { requestBody?: unknown }>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>('/docs/openapi.json')).body;
    expect(Object.keys(doc.paths['/v1/organisations/{id}/api-keys'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v1/organisations/{id}/api-keys/{keyId}'] ?? {})).toEqual(['delete']);
    expect(Object.keys(doc.paths['/v1/organisations/{id}'] ?? {})).toEqual(['patch']);
    expect(Object.keys(doc.paths['/v1/audit'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.components.schemas.MergeRequestDto?.properties ?? {}).sort()).toEqual(['into', 'reason']);
  });

  it('is for the admin only', async () => {
    const body = await createOrganisation(api, admin(), { name: 'Curious Trust' });
    const ombudsman = await createOrganisation(api, admin(), { name: 'Ombudsman', kind: 'ombudsman', sector: 'other' });
    expect((await audit('', body.apiKey)).status).toBe(403);
    expect((await audit('', ombudsman.apiKey)).status).toBe(403);
    expect((await api.get('/v1/audit')).status).toBe(401);
  });
});
