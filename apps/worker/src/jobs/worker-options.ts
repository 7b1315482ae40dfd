import type { WorkerOptions } from 'bullmq';

/**
 * BullMQ lock settings shared by every processor. A job whose worker died is handed on once
 * its lock has expired and the next stalled-job check has run, so at most `lockDuration +
 * stalledInterval` after the crash: 20 s here, against up to a minute with BullMQ's defaults
 * (30 s + 30 s). The lock is renewed every half period by a timer, so only an event loop
 * blocked for 7.5 s at a stretch could lose a live job's lock; a micro-batch's analysis takes
 * well under a second, and a lost lock is harmless anyway (every step is idempotent and the
 * first decision of a version wins).
 */
export const WORKER_OPTIONS = { lockDuration: 15_000, stalledInterval: 5_000 } as const satisfies Partial<WorkerOptions>;
