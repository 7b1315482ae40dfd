/**
 * The one queue contract: every queue name, job name and payload type is declared here
 * and nowhere else, so ingest (producer) and worker (consumer) cannot drift apart.
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

// Scheduled sweep; it reads everything it needs from PostgreSQL.
export type RedriveComplaintsPayload = Record<string, never>;

/**
 * One email: an immediate alert (a delivery), a contact digest, or an Ombudsman email
 * (weekly summary or rising-theme alert). The id is the row that records its sent state.
 */
export type MailKind = 'alert' | 'digest' | 'ombudsman';

export interface SendMailPayload {
  kind: MailKind;
  id: string;
}

// Scheduled sweeps; they read everything they need from PostgreSQL.
export type DispatchMailPayload = Record<string, never>;
export type RefreshLearningPayload = Record<string, never>;
/** Scheduled retention sweep (RAW_TEXT_RETENTION_DAYS); it reads everything it needs from PostgreSQL. */
export type DropRawTextPayload = Record<string, never>;

/**
 * A review was stored or removed: make the complaint's labels the effective ones, route it
 * again (new deliveries only; nothing sent twice) and recount the learning rollup.
 */
export interface ApplyReviewPayload {
  complaintId: string;
  /** Which change this is (the review's updated_at in ms, or the removal time): part of the job id. */
  revision: number;
}

export interface RunDigestsPayload {
  frequency: 'daily' | 'weekly';
  /** ISO 8601 instant; the period is the last complete one before it. Absent: now. */
  asOf?: string;
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
