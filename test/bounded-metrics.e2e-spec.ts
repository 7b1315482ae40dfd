import { randomBytes } from 'node:crypto';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

/*
 * "/metrics grows without bound from outside" (data-protection issue, item 8): the `field` label
 * of complaints_rejected_total takes its values from a fixed set, so callers sending made-up
 * field names neither add series nor put their text on the public endpoint.
 */
describe('bounded metrics labels (real PostgreSQL and Redis)', () => {
  const stack = new TestStack();

  beforeAll(() => stack.start({ ingest: true, worker: false }));
  afterAll(() => stack.stop());

  it('counts unknown field names under one label and never shows them', async () => {
    const api = new ApiClient(stack.baseUrl);
    const body = await createOrganisation(api, stack.config.adminToken);
    const names = Array.from({ length: 200 }, (_, i) => `note_${randomBytes(5).toString('hex')}_${i}`);
    for (let start = 0; start < names.length; start += 100) {
      const items = names.slice(start, start + 100).map((name) => ({ [name]: 'Mrs Example was not told', ...complaintRecord() }));
      const response = await api.post('/v1/complaints/batch', { token: body.apiKey, body: { items } });
      expect(response.status).toBe(202);
    }
    const single = `single_${randomBytes(5).toString('hex')}`;
    await api.post('/v1/complaints', { token: body.apiKey, body: { ...complaintRecord(), [single]: 'x' } });
    await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord({ outcome: 'maybe' }) });

    const metrics = await api.get<string>('/metrics');
    const series = metrics.body.split('\n').filter((line) => line.startsWith('complaints_rejected_total{'));
    expect(series).toHaveLength(2);
    expect(series).toEqual(expect.arrayContaining(['complaints_rejected_total{field="unknown-field"} 201', 'complaints_rejected_total{field="outcome"} 1']));
    for (const name of names) expect(metrics.body).not.toContain(name);
    expect(metrics.body).not.toContain(single);
  });
});
