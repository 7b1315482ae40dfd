import type { INestApplication } from '@nestjs/common';
import { createIngestApp } from '../apps/ingest/src/ingest.app';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

describe('rate limits per organisation (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ env: { RATE_LIMIT_PER_MINUTE: '5' } });

  beforeAll(() => stack.start({ ingest: true, worker: false }));
  afterAll(() => stack.stop());

  it('answers 429 past the limit, counting each organisation on its own', async () => {
    const api = new ApiClient(stack.baseUrl);
    const busy = await createOrganisation(api, stack.config.adminToken);
    const quiet = await createOrganisation(api, stack.config.adminToken, { name: 'Quiet Council', sector: 'local-government' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await api.post('/v1/complaints', { token: busy.apiKey, body: complaintRecord() })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await api.post<{ statusCode: number }>('/v1/complaints', { token: busy.apiKey, body: complaintRecord() });
    expect(limited.body).toMatchObject({ statusCode: 429 });
    expect((await api.post('/v1/complaints', { token: quiet.apiKey, body: complaintRecord() })).status).toBe(202);
  });

  it('shares the count between ingest replicas, in Redis under the stack prefix', async () => {
    const replica: INestApplication = await createIngestApp(stack.config);
    await replica.listen(0, '127.0.0.1');
    try {
      const apis = [new ApiClient(stack.baseUrl), new ApiClient((await replica.getUrl()).replace('[::1]', '127.0.0.1'))];
      const body = await createOrganisation(apis[0], stack.config.adminToken, { name: 'Shared Trust', sector: 'health' });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await apis[i % 2].post('/v1/complaints', { token: body.apiKey, body: complaintRecord() })).status);
      // Five in all across both replicas, not five each.
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      expect(await stack.redis.keys(`${stack.config.queuePrefix}:throttle:*`)).not.toHaveLength(0);
    } finally {
      await replica.close();
    }
  });
});
