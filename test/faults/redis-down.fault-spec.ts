import { sleep } from '../../bench/lib/app-process';
import { FaultStack, Ingest } from './support/fault-stack';
import { OwnRedisServer } from './support/redis-server';

/*
 * Redis down for 10 s while public bodies keep calling ingest. The Redis is the test's own
 * (`redis-server --save "" --appendonly no` on a free port, never the shared one), killed
 * and started again empty. Ingest must answer each request with 202 (the record is in
 * PostgreSQL) or a clear 503, never a 500 or a hang, and lose nothing it said it accepted:
 * once Redis is back, every accepted record must be processed exactly once.
 */
describe('fault: Redis down for 10 s while ingest is called', () => {
  const redis = new OwnRedisServer();
  let stack: FaultStack;
  let ingest: Ingest;
  const accepted = new Set<string>();
  const answers = new Map<number, number>();
  const unexpected: string[] = [];

  beforeAll(async () => {
    await redis.start();
    stack = await new FaultStack({ name: 'redis-down', redisUrl: redis.url }).setup();
    ingest = await stack.startIngest();
    await stack.seed(ingest, 4);
    await stack.startWorker();
  });

  afterAll(async () => {
    await stack.teardown();
    await redis.stop();
  });

  async function callOnce(i: number): Promise<void> {
    const org = stack.orgs[i % stack.orgs.length];
    const started = Date.now();
    const single = i % 5 !== 0;
    const items = single ? [stack.generator.record(i % stack.orgs.length)] : Array.from({ length: 20 }, () => stack.generator.record(i % stack.orgs.length));
    try {
      const response = await fetch(`${ingest.baseUrl}/v1/complaints${single ? '' : '/batch'}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(single ? items[0] : { items }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json()) as { id?: string; accepted?: Array<{ id: string }>; statusCode?: number; message?: string };
      answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
      if (response.status === 202) {
        if (single && body.id) accepted.add(body.id);
        for (const item of body.accepted ?? []) accepted.add(item.id);
      } else if (response.status === 503) {
        if (body.statusCode !== 503 || !body.message) unexpected.push(`503 without the error envelope: ${JSON.stringify(body)}`);
      } else {
        unexpected.push(`${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
      }
    } catch (error) {
      unexpected.push(`request failed after ${Date.now() - started} ms: ${(error as Error).message}`);
    }
  }

  it('answers every request with 202 or a clear 503 while Redis is down, within the enqueue timeout', async () => {
    let i = 0;
    let calling = true;
    const caller = (async () => {
      while (calling) {
        await Promise.all(Array.from({ length: 4 }, () => callOnce(i++)));
        await sleep(50);
      }
    })();
    await sleep(3000);
    await redis.stop();
    const downAt = Date.now();
    const health = await fetch(`${ingest.baseUrl}/health`);
    await sleep(10_000 - (Date.now() - downAt));
    await redis.start();
    await sleep(3000);
    calling = false;
    await caller;
    console.log(`[redis-down] answers by status: ${JSON.stringify(Object.fromEntries(answers))}; ${accepted.size} records accepted; /health while down: ${health.status}`);
    expect(health.status).toBe(503);
    expect(unexpected).toEqual([]);
    expect(accepted.size).toBeGreaterThan(0);
  });

  it('processes every record it accepted, exactly once, once Redis is back', async () => {
    const ids = [...accepted];
    const { rows } = await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM complaint WHERE id = ANY($1)', [ids]);
    expect(rows[0].n).toBe(ids.length);
    const final = await stack.waitFinished(ids, 90_000, 'the re-drive to queue what was accepted while Redis was down', 30_000);
    await stack.waitMailSettled(60_000);
    const result = await stack.verifyExactlyOnce(ids);
    console.log(`[redis-down] final ${JSON.stringify(final)}; ${result.mails} alert emails, none twice`);
  });
});
