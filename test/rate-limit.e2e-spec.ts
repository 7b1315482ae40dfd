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
});
