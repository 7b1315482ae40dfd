import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { hashApiKey } from '../apps/ingest/src/auth/api-keys';
import { createIngestApp } from '../apps/ingest/src/ingest.app';
import { ApiClient } from './support/api-client';
import { organisationFromBeforeKeyRotation } from './support/db-fixtures';
import { complaintRecord, createOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface KeyRow {
  id: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEYS_MIGRATION = 1765200000000;
const OLD_KEY = 'clp_key-issued-before-rotation-existed-0123';

describe('API keys: rotation and revocation (real PostgreSQL and Redis, two ingest replicas)', () => {
  const stack = new TestStack();
  let replica: NestFastifyApplication;
  let api: ApiClient;
  let other: ApiClient;
  let oldOrganisation: string;
  const admin = () => stack.config.adminToken;

  beforeAll(async () => {
    oldOrganisation = await organisationFromBeforeKeyRotation(stack.config.databaseUrl, KEYS_MIGRATION, OLD_KEY);
    await stack.start({ ingest: true, worker: false });
    replica = await createIngestApp(stack.config);
    await replica.listen(0, '127.0.0.1');
    api = new ApiClient(stack.baseUrl);
    other = new ApiClient((await replica.getUrl()).replace('[::1]', '127.0.0.1'));
  });

  afterAll(async () => {
    await replica?.close();
    await stack.stop();
  });

  it('keeps the key an organisation had before keys could be rotated, and lists it', async () => {
    expect((await api.post('/v1/complaints', { token: OLD_KEY, body: complaintRecord() })).status).toBe(202);
    const listed = await api.get<KeyRow[]>(`/v1/organisations/${oldOrganisation}/api-keys`, { token: admin() });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ prefix: OLD_KEY.slice(0, 10), revokedAt: null })]);
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM organisation WHERE api_key_hash IS NOT NULL`);
    expect(rows[0].n).toBe(0);
  });

  it('issues a second key to the organisation itself; both work; the list never shows a secret', async () => {
    const body = await createOrganisation(api, admin(), { name: 'Rotating Trust' });
    const issued = await api.post<{ id: string; apiKey: string }>(`/v1/organisations/${body.id}/api-keys`, { token: body.apiKey });
    expect(issued.status).toBe(201);
    expect(issued.body.apiKey).toMatch(/^clp_/);
    expect((await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(202);
    expect((await other.post('/v1/complaints', { token: issued.body.apiKey, body: complaintRecord() })).status).toBe(202);

    const listed = await api.get<KeyRow[]>(`/v1/organisations/${body.id}/api-keys`, { token: body.apiKey });
    expect(listed.body).toHaveLength(2);
    expect(listed.body.map((key) => key.id)).toContain(issued.body.id);
    expect(listed.body.every((key) => key.lastUsedAt !== null)).toBe(true);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(issued.body.apiKey);
    expect(text).not.toContain(body.apiKey);
    expect(text).not.toContain(hashApiKey(body.apiKey));
  });

  it('refuses a revoked key with 401 from the next request on the other replica', async () => {
    const body = await createOrganisation(api, admin(), { name: 'Leaky Council', sector: 'local-government' });
    const spare = (await api.post<{ id: string; apiKey: string }>(`/v1/organisations/${body.id}/api-keys`, { token: admin() })).body;
    const [first] = (await api.get<KeyRow[]>(`/v1/organisations/${body.id}/api-keys`, { token: admin() })).body;
    // Warm both replicas' caches with the key about to leak.
    expect((await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(202);
    expect((await other.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(202);

    const revoked = await api.request('DELETE', `/v1/organisations/${body.id}/api-keys/${first.id}`, { token: spare.apiKey });
    expect(revoked.status).toBe(204);
    expect((await other.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(401);
    expect((await other.get(`/v1/organisations/${body.id}/api-keys`, { token: body.apiKey })).status).toBe(401);
    expect((await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(401);
    // The other key is untouched.
    expect((await other.post('/v1/complaints', { token: spare.apiKey, body: complaintRecord() })).status).toBe(202);
    const listed = (await api.get<KeyRow[]>(`/v1/organisations/${body.id}/api-keys`, { token: admin() })).body;
    expect(listed.find((key) => key.id === first.id)?.revokedAt).not.toBeNull();
  });

  it('lets no organisation manage another’s keys', async () => {
    const a = await createOrganisation(api, admin(), { name: 'Body A' });
    const b = await createOrganisation(api, admin(), { name: 'Body B' });
    const [bKey] = (await api.get<KeyRow[]>(`/v1/organisations/${b.id}/api-keys`, { token: admin() })).body;
    expect((await api.post(`/v1/organisations/${b.id}/api-keys`, { token: a.apiKey })).status).toBe(404);
    expect((await api.get(`/v1/organisations/${b.id}/api-keys`, { token: a.apiKey })).status).toBe(404);
    expect((await api.request('DELETE', `/v1/organisations/${b.id}/api-keys/${bKey.id}`, { token: a.apiKey })).status).toBe(404);
    expect((await api.request('DELETE', `/v1/organisations/${a.id}/api-keys/${bKey.id}`, { token: a.apiKey })).status).toBe(404);
    expect((await api.post('/v1/complaints', { token: b.apiKey, body: complaintRecord() })).status).toBe(202);
  });

  it('audits key issue and revocation with the acting key', async () => {
    const body = await createOrganisation(api, admin(), { name: 'Audited Trust' });
    const issued = (await api.post<{ id: string; apiKey: string }>(`/v1/organisations/${body.id}/api-keys`, { token: body.apiKey })).body;
    await api.request('DELETE', `/v1/organisations/${body.id}/api-keys/${issued.id}`, { token: admin() });
    const audit = await api.get<{ items: Array<Record<string, unknown>> }>(`/v1/audit?organisationId=${body.id}`, { token: admin() });
    expect(audit.status).toBe(200);
    const [firstKey] = (await api.get<KeyRow[]>(`/v1/organisations/${body.id}/api-keys`, { token: admin() })).body;
    expect(audit.body.items.map((e) => e.action)).toEqual(['api-key.revoke', 'api-key.issue', 'organisation.create']);
    expect(audit.body.items[0]).toMatchObject({ actorKind: 'admin', subjectId: issued.id });
    expect(audit.body.items[1]).toMatchObject({ actorKind: 'organisation', actorId: body.id, actorKeyId: firstKey.id, subjectId: issued.id });
    expect(JSON.stringify(audit.body)).not.toContain(issued.apiKey);
  });
});
