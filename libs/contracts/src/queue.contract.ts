import { SafeMessageError } from '@app/config';

/**
 * The one queue contract: every queue name, job name and payload type is declared here
 * and nowhere else, so ingest (producer) and worker (consumer) cannot drift apart. Beside
 * each payload type, its validator: what the worker accepts from Redis, checked field by
 * field. A validator's error names the job and the field, never the value it found (a
 * payload is not ours until it has been checked, so its text may not reach a log).
 */
export enum QueueName {
  Complaints = 'complaints',
  Maintenance = 'maintenance',
  Mail = 'mail',
  /** Scheduled mail planning: digest runs, the mail outbox sweep, the learning rollup. */
  Digests = 'digests',
  /** Re-routing and recounting a complaint after a human review changed its labels. */
  Reviews = 'reviews',
}

export enum JobName {
  ProcessComplaint = 'process-complaint',
  RedriveComplaints = 'redrive-complaints',
  SendMail = 'send-mail',
  DispatchMail = 'dispatch-mail',
  RunDigests = 'run-digests',
  RefreshLearning = 'refresh-learning',
  DropRawText = 'drop-raw-text',
  ApplyReview = 'apply-review',
}

export interface ProcessComplaintPayload {
  complaintId: string;
  version: number;
}

export function processComplaintPayload(data: unknown): ProcessComplaintPayload {
  const payload = fieldsOf(JobName.ProcessComplaint, data);
  return {
    complaintId: check(JobName.ProcessComplaint, 'complaintId', payload.complaintId, isString, 'a string'),
    version: check(JobName.ProcessComplaint, 'version', payload.version, isInteger, 'an integer'),
  };
}

// Scheduled sweep; it reads everything it needs from PostgreSQL.
export type RedriveComplaintsPayload = Record<string, never>;
export const redriveComplaintsPayload = (data: unknown): RedriveComplaintsPayload => emptyPayload(JobName.RedriveComplaints, data);

/**
 * One email: an immediate alert (a delivery), a contact digest, or an Ombudsman email
 * (weekly summary or rising-theme alert). The id is the row that records its sent state.
 */
export type MailKind = 'alert' | 'digest' | 'ombudsman';

export interface SendMailPayload {
  kind: MailKind;
  id: string;
}

const MAIL_KINDS: readonly MailKind[] = ['alert', 'digest', 'ombudsman'];

export function sendMailPayload(data: unknown): SendMailPayload {
  const payload = fieldsOf(JobName.SendMail, data);
  return {
    kind: check(JobName.SendMail, 'kind', payload.kind, (value): value is MailKind => MAIL_KINDS.includes(value as MailKind), MAIL_KINDS.join(', ')),
    id: check(JobName.SendMail, 'id', payload.id, isUuid, 'a UUID'),
  };
}

// Scheduled sweeps; they read everything they need from PostgreSQL.
export type DispatchMailPayload = Record<string, never>;
export type RefreshLearningPayload = Record<string, never>;
/** Scheduled retention sweep (RAW_TEXT_RETENTION_DAYS); it reads everything it needs from PostgreSQL. */
export type DropRawTextPayload = Record<string, never>;
export const dispatchMailPayload = (data: unknown): DispatchMailPayload => emptyPayload(JobName.DispatchMail, data);
export const refreshLearningPayload = (data: unknown): RefreshLearningPayload => emptyPayload(JobName.RefreshLearning, data);
export const dropRawTextPayload = (data: unknown): DropRawTextPayload => emptyPayload(JobName.DropRawText, data);

/**
 * A review was stored or removed: make the complaint's labels the effective ones, route it
 * again (new deliveries only; nothing sent twice) and recount the learning rollup.
 */
export interface ApplyReviewPayload {
  complaintId: string;
  /** Which change this is (the review's updated_at in ms, or the removal time): part of the job id. */
  revision: number;
}

export function applyReviewPayload(data: unknown): ApplyReviewPayload {
  const payload = fieldsOf(JobName.ApplyReview, data);
  return {
    complaintId: check(JobName.ApplyReview, 'complaintId', payload.complaintId, isUuid, 'a UUID'),
    revision: check(JobName.ApplyReview, 'revision', payload.revision, isSafeInteger, 'a safe integer'),
  };
}

export interface RunDigestsPayload {
  frequency: 'daily' | 'weekly';
  /** ISO 8601 instant; the period is the last complete one before it. Absent: now. */
  asOf?: string;
}

const DIGEST_FREQUENCIES: ReadonlyArray<RunDigestsPayload['frequency']> = ['daily', 'weekly'];

export function runDigestsPayload(data: unknown): RunDigestsPayload {
  const payload = fieldsOf(JobName.RunDigests, data);
  const frequency = check(
    JobName.RunDigests,
    'frequency',
    payload.frequency,
    (value): value is RunDigestsPayload['frequency'] => DIGEST_FREQUENCIES.includes(value as RunDigestsPayload['frequency']),
    DIGEST_FREQUENCIES.join(', '),
  );
  if (payload.asOf === undefined) return { frequency, asOf: undefined };
  return { frequency, asOf: check(JobName.RunDigests, 'asOf', payload.asOf, (value): value is string => isString(value) && !Number.isNaN(Date.parse(value)), 'an ISO 8601 instant') };
}

export interface JobPayloads {
  [JobName.ProcessComplaint]: ProcessComplaintPayload;
  [JobName.RedriveComplaints]: RedriveComplaintsPayload;
  [JobName.SendMail]: SendMailPayload;
  [JobName.DispatchMail]: DispatchMailPayload;
  [JobName.RunDigests]: RunDigestsPayload;
  [JobName.RefreshLearning]: RefreshLearningPayload;
  [JobName.DropRawText]: DropRawTextPayload;
  [JobName.ApplyReview]: ApplyReviewPayload;
}

export type JobOf<T extends JobName> = { name: T; data: JobPayloads[T] };
export type AnyJob = { [K in JobName]: JobOf<K> }[JobName];

/** Each job's payload validator: the typed payload, or a SafeMessageError naming the job and field. */
export const JOB_PAYLOAD: { readonly [K in JobName]: (data: unknown) => JobPayloads[K] } = {
  [JobName.ProcessComplaint]: processComplaintPayload,
  [JobName.RedriveComplaints]: redriveComplaintsPayload,
  [JobName.SendMail]: sendMailPayload,
  [JobName.DispatchMail]: dispatchMailPayload,
  [JobName.RunDigests]: runDigestsPayload,
  [JobName.RefreshLearning]: refreshLearningPayload,
  [JobName.DropRawText]: dropRawTextPayload,
  [JobName.ApplyReview]: applyReviewPayload,
};

/** Which queue carries which job: a job name is never added to another queue. */
export const JOB_QUEUE: Readonly<Record<JobName, QueueName>> = {
  [JobName.ProcessComplaint]: QueueName.Complaints,
  [JobName.RedriveComplaints]: QueueName.Maintenance,
  [JobName.SendMail]: QueueName.Mail,
  [JobName.DispatchMail]: QueueName.Digests,
  [JobName.RunDigests]: QueueName.Digests,
  [JobName.RefreshLearning]: QueueName.Digests,
  [JobName.DropRawText]: QueueName.Maintenance,
  [JobName.ApplyReview]: QueueName.Reviews,
};

export function jobsOfQueue(queue: QueueName): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => JOB_QUEUE[name] === queue);
}

/**
 * Deterministic job ids make enqueueing idempotent: BullMQ ignores an add whose id is
 * already waiting or active, so a retried request or a re-drive never queues twice.
 * BullMQ forbids ':' in custom ids.
 */
export function processComplaintJobId(payload: ProcessComplaintPayload): string {
  return `complaint.${payload.complaintId}.v${payload.version}`;
}

/** One job per email: while it waits or retries, queuing the same email again is a no-op. */
export function sendMailJobId(payload: SendMailPayload): string {
  return `mail.${payload.kind}.${payload.id}`;
}

/**
 * One job per review change: a repeated request for the same change is queued once, and a
 * later change is never swallowed by a job already running for an earlier one.
 */
export function applyReviewJobId(payload: ApplyReviewPayload): string {
  return `review.${payload.complaintId}.${payload.revision}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}

function isSafeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isUuid(value: unknown): value is string {
  return isString(value) && UUID.test(value);
}

function invalid(job: JobName, problem: string): SafeMessageError {
  return new SafeMessageError(`invalid ${job} payload: ${problem}`);
}

function fieldsOf(job: JobName, data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid(job, 'not an object');
  return data as Record<string, unknown>;
}

/** `value` when `valid`; otherwise an error naming the field and what it must be, never the value. */
function check<T>(job: JobName, field: string, value: unknown, valid: (value: unknown) => value is T, expected: string): T {
  if (value === undefined) throw invalid(job, `${field} is missing`);
  if (!valid(value)) throw invalid(job, `${field} must be ${expected}`);
  return value;
}

/** Scheduled sweeps carry nothing: they read what they need from PostgreSQL. */
function emptyPayload(job: JobName, data: unknown): Record<string, never> {
  if (Object.keys(fieldsOf(job, data)).length > 0) throw invalid(job, 'must be empty');
  return {};
}
