import { getHeapStatistics } from 'node:v8';

/**
 * The worker's V8 heap ceiling. Without one, V8 sizes the heap from the machine's memory
 * (about 4 GB on a 24 GiB host) and, under a steady stream of short-lived analysis garbage,
 * lets the old generation grow to about four times the live set before collecting: the
 * worker's resident memory reached ~480 MB with a 100,000-job backlog while ~150 MB was live.
 * With a 1 GiB ceiling V8 grows the heap by a smaller factor and collects sooner (~260 MB
 * there, same throughput), and the ceiling stays far above anything one batch can hold
 * (WORKER_CONCURRENCY × 2 records of bounded size).
 *
 * Every way of starting the worker passes these flags: `npm run start:worker` (package.json,
 * checked by worker-heap.spec.ts), the `npm start` launcher and the benchmark. A deployment that
 * needs another ceiling gives its own `--max-old-space-size` on the command line.
 */
export const WORKER_HEAP_LIMIT_MB = 1024;
export const WORKER_NODE_ARGS: readonly string[] = [`--max-old-space-size=${WORKER_HEAP_LIMIT_MB}`];

/** The heap ceiling this process runs with, in MB, and whether it is at most twice the intended one. */
export function heapCeiling(): { limitMb: number; capped: boolean } {
  const limitMb = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  return { limitMb, capped: limitMb <= 2 * WORKER_HEAP_LIMIT_MB };
}
