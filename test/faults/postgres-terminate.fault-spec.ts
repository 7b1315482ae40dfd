import { sleep } from '../../bench/lib/app-process';
import { FaultStack } from './support/fault-stack';

/*
 * PostgreSQL drops every connection of the apps (pg_terminate_backend on the scenario's
 * database), three times, while records are being posted and processed. Transactions in
 * flight roll back; jobs fail and are retried; a POST that got a 5xx is retried by the
 * client, as a real one would. Every record answered 202 must end processed exactly once,
 * no email may reach the SMTP server twice, and both apps must still be running.
 */
describe('fault: PostgreSQL connections terminated mid-run', () => {
  const stack = new FaultStack({ name: 'pg-terminate' });

  beforeAll(() => stack.setup());
  afterAll(() => stack.teardown());

  it('keeps both apps up and processes every accepted record exactly once', async () => {
    const ingest = await stack.startIngest();
    await stack.seed(ingest, 6);
    const worker = await stack.startWorker();

    const ids = new Set<string>();
    const retried: number[] = [];
    const bodies = stack.records(1500).flatMap((records, orgIndex) => {
      const list: Array<{ orgIndex: number; items: typeof records }> = [];
      for (let at = 0; at < records.length; at += 50) list.push({ orgIndex, items: records.slice(at, at + 50) });
      return list;
    });
    let next = 0;
    const post = async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        for (let attempt = 1; ; attempt += 1) {
          const response = await fetch(`${ingest.baseUrl}/v1/complaints/batch`, {
            method: 'POST',
            headers: { authorization: `Bearer ${stack.orgs[body.orgIndex].apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ items: body.items }),
          });
          const answer = (await response.json()) as { accepted?: Array<{ id: string }> };
          if (response.status === 202) {
            answer.accepted?.forEach((item) => ids.add(item.id));
            break;
          }
          if (response.status < 500 || attempt >= 10) throw new Error(`POST answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
          retried.push(response.status);
          await sleep(200 * attempt);
        }
        await sleep(20);
      }
    };
    const posting = Promise.all([post(), post()]);

    const terminated: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      await stack.waitUntil(async () => (await stack.finishedCount()) >= 100 * (round + 1), 'progress before terminating', 120_000);
      terminated.push(await stack.terminateAppConnections());
      await sleep(1500);
    }
    await posting;
    console.log(`[pg-terminate] terminated ${terminated.join(' + ')} connections; ${retried.length} POSTs answered 5xx and were retried (${[...new Set(retried)].join(', ') || 'none'})`);
    expect(terminated.every((n) => n > 0)).toBe(true);
    expect(ids.size).toBe(1500);

    const final = await stack.waitFinished([...ids], 150_000);
    await stack.waitMailSettled(60_000);
    expect(worker.running).toBe(true);
    expect(ingest.app.running).toBe(true);
    // Emails too: no Message-ID twice. A connection cut after the SMTP server accepted a
    // message is ridden out by retrying the outcome write under the send lease
    // (docs/guarantees.md, "No email twice").
    const result = await stack.verifyExactlyOnce([...ids]);
    console.log(`[pg-terminate] final ${JSON.stringify(final)}; ${result.mails} alert emails`);
  });
});
