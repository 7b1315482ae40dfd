/**
 * What the intake tells its host about each submission, for the host's own counters (ingest's
 * Prometheus metrics). Only counts and field names: never a caller's text.
 */
export interface IntakeObserver {
  /** Records accepted by one submission through `endpoint` (`single`, `batch`, `csv`, `web-upload`…). */
  accepted(endpoint: string, count: number): void;
  /** One rejected record, by the field of its first problem. */
  rejected(field: string | undefined): void;
  /** Changed records whose queueing failed; the re-drive queues them later. */
  enqueueDeferred(count: number): void;
  /** Rows written by one flush of coalesced single submissions. */
  singleFlush(rows: number): void;
}

/** Injection token of the host's IntakeObserver. */
export const INTAKE_OBSERVER = Symbol('INTAKE_OBSERVER');

/** For a host that keeps no counters of its own. */
export const SILENT_INTAKE_OBSERVER: IntakeObserver = {
  accepted: () => undefined,
  rejected: () => undefined,
  enqueueDeferred: () => undefined,
  singleFlush: () => undefined,
};
