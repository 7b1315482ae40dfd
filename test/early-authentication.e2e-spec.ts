import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createIngestApp } from '../apps/ingest/src/ingest.app';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

const LIMIT = 5;

/** Starts an upload and never finishes it: resolves with the answer only if one comes before the body ends. */
function openUpload(baseUrl: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL('/v1/complaints/batch', baseUrl);
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no answer while the body was still being sent'));
    }, 3_000);
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', () => undefined);
    req.write('{"items": [');
  });
}

describe('unauthenticated requests are cheap to refuse (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ env: { AUTH_FAILURES_PER_MINUTE: String(LIMIT) } });
  let api: ApiClient;

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    api = new ApiClient(stack.baseUrl);
  });

  afterAll(() => stack.stop());

  beforeEach(async () => {
    const keys = await stack.redis.keys(`${stack.config.queuePrefix}:authfail:*`);
    if (keys.length > 0) await stack.redis.del(...keys);
  });

  it('answers 401 before reading the body: a body that is still arriving, or is not even JSON', async () => {
    const open = await openUpload(stack.baseUrl, { authorization: 'Bearer clp_not-a-key' });
    expect(open.status).toBe(401);
    expect(JSON.parse(open.body)).toMatchObject({ statusCode: 401, error: 'Unauthorized', details: [] });
    const garbage = await api.post('/v1/complaints', { rawBody: '{"this is": not json', contentType: 'application/json' });
    expect(garbage.status).toBe(401);
    const csv = await api.post('/v1/complaints/csv', { rawBody: 'reference,summary\n"unterminated', contentType: 'text/csv' });
    expect(csv.status).toBe(401);
  });

  it('still reads the body of an authenticated request', async () => {
    const body = await createOrganisation(api, stack.config.adminToken);
    expect((await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(202);
    expect((await api.post('/v1/complaints', { token: body.apiKey, rawBody: '{"this is": not json', contentType: 'application/json' })).status).toBe(400);
    expect((await api.get('/health')).status).toBe(200);
  });

  it('answers 429 after repeated failures from one address, counted across replicas in Redis', async () => {
    const body = await createOrganisation(api, stack.config.adminToken, { name: 'Known Trust' });
    expect((await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(202);
    const replica: NestFastifyApplication = await createIngestApp(stack.config);
    await replica.listen(0, '127.0.0.1');
    try {
      const apis = [api, new ApiClient((await replica.getUrl()).replace('[::1]', '127.0.0.1'))];
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i += 1) {
        statuses.push((await apis[i % 2].post('/v1/complaints', { token: `clp_guess-${i}`, body: complaintRecord() })).status);
      }
      expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
      expect((await apis[1].get('/v1/complaints/00000000-0000-4000-8000-000000000001')).status).toBe(429);
      expect(await stack.redis.keys(`${stack.config.queuePrefix}:authfail:*`)).not.toHaveLength(0);
      // A key in use from this address (already checked, so cached) and the admin token keep working.
      expect((await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status).toBe(202);
      expect((await apis[1].get(`/v1/organisations/${body.id}/api-keys`, { token: stack.config.adminToken })).status).toBe(200);
    } finally {
      await replica.close();
    }
  });
});
