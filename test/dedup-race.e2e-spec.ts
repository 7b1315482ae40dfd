import { seededRandom } from '@app/domain';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

const PAIRS = 40;

/** Texts that share nothing with each other, so only the planted pairs are near duplicates. */
function distinctTexts(count: number): string[] {
  const random = seededRandom(4242);
  const word = () => Array.from({ length: 5 + Math.floor(random() * 4) }, () => 'bcdfghjklmnprstvwz'[Math.floor(random() * 18)] + 'aeiou'[Math.floor(random() * 5)]).join('');
  return Array.from({ length: count }, () => Array.from({ length: 70 }, word).join(' '));
}

function lightlyEdited(text: string): string {
  const words = text.split(' ');
  words[10] = 'changed';
  return words.join(' ');
}

describe('dedup under concurrency: two workers at once (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ env: { WORKER_CONCURRENCY: '8' } });

  beforeAll(() => stack.start({ ingest: true, worker: false }));
  afterAll(() => stack.stop());

  it('ends every near-identical pair with one original and one duplicate', async () => {
    const api = new ApiClient(stack.baseUrl);
    const org = await createOrganisation(api, stack.config.adminToken);
    const texts = distinctTexts(PAIRS);
    // Both members of each pair are accepted before any worker runs, so they are decided concurrently.
    const items = texts.flatMap((text) => [complaintRecord({ summary: text }), complaintRecord({ summary: lightlyEdited(text) })]);
    const answer = await api.post<{ accepted: Array<{ index: number; id: string }> }>('/v1/complaints/batch', { token: org.apiKey, body: { items } });
    expect(answer.body.accepted).toHaveLength(PAIRS * 2);
    const ids = answer.body.accepted.map((a) => a.id);

    // Two worker replicas sharing one Redis and one PostgreSQL, started together.
    await Promise.all([stack.startWorker(), stack.startExtraWorker()]);
    await stack.waitFor(async () => {
      const counts = await stack.statusCounts();
      return (counts.processed ?? 0) + (counts.duplicate ?? 0) === PAIRS * 2;
    }, 'every record to be decided', 60_000);

    const { rows } = await stack.db.query<{ id: string; status: string; duplicate_of: string | null }>(
      'SELECT id, status, duplicate_of FROM complaint WHERE id = ANY($1)',
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (let pair = 0; pair < PAIRS; pair += 1) {
      const [a, b] = [byId.get(ids[pair * 2]), byId.get(ids[pair * 2 + 1])];
      const statuses = [a?.status, b?.status].sort();
      expect(statuses).toEqual(['duplicate', 'processed']);
      const duplicate = a?.status === 'duplicate' ? a : b;
      const original = a?.status === 'duplicate' ? b : a;
      expect(duplicate?.duplicate_of).toBe(original?.id);
    }
  });
});
