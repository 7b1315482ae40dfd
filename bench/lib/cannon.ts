/** autocannon with the bench's own timing and percentiles (see the comments inside). */
import autocannon from 'autocannon';

export interface CannonResult {
  durationMs: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

export async function cannon(options: {
  url: string;
  connections: number;
  amount: number;
  overallRate?: number;
  timeout: number;
  bodies: Array<{ token: string; body: string }>;
}): Promise<CannonResult> {
  let next = 0;
  // Timed here, from the call to the last answer: autocannon's own start/finish fall on its
  // one-second sampling ticks, which rounded a short batch run up to whole seconds.
  const started = performance.now();
  let lastAnswer = started;
  const latencies: number[] = [];
  const run = autocannon({
    url: options.url,
    connections: options.connections,
    amount: options.amount,
    overallRate: options.overallRate,
    timeout: options.timeout,
    method: 'POST',
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const entry = options.bodies[next % options.bodies.length];
          next += 1;
          return { ...request, method: 'POST', body: entry.body, headers: { 'content-type': 'application/json', authorization: `Bearer ${entry.token}` } };
        },
      },
    ],
  } as unknown as autocannon.Options) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter;
  run.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    lastAnswer = performance.now();
    latencies.push(responseTimeMs);
  });
  const result = await run;
  const durationMs = Math.max(1, lastAnswer - started);
  // Percentiles of the answers themselves. autocannon's own, with a fixed rate, "correct" for
  // coordinated omission with an expected interval of ceil(1 / per-connection rate) = 1 ms,
  // so one 100 ms answer counted as 100 samples and a handful of them made its p99.
  latencies.sort((a, b) => a - b);
  const at = (index: number) => Math.round((latencies[index] ?? 0) * 10) / 10;
  const percentile = (p: number) => at(Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length)));
  return {
    durationMs,
    requestsPerSecond: (result.requests.total / durationMs) * 1000,
    p50: percentile(50),
    p90: percentile(90),
    p99: percentile(99),
    max: at(latencies.length - 1),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
