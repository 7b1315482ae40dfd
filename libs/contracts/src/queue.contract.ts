/**
 * The one queue contract: every queue name, job name and payload type is declared here
 * and nowhere else, so ingest (producer) and worker (consumer) cannot drift apart.
 */
export enum QueueName {
  Complaints = 'complaints',
  Maintenance = 'maintenance',
  Mail = 'mail',
}

export enum JobName {
  ProcessComplaint = 'process-complaint',
  RedriveComplaints = 'redrive-complaints',
}

export interface ProcessComplaintPayload {
  complaintId: string;
  version: number;
}

// Scheduled sweep; it reads everything it needs from PostgreSQL.
export type RedriveComplaintsPayload = Record<string, never>;

export interface JobPayloads {
  [JobName.ProcessComplaint]: ProcessComplaintPayload;
  [JobName.RedriveComplaints]: RedriveComplaintsPayload;
}

export type JobOf<T extends JobName> = { name: T; data: JobPayloads[T] };
export type AnyJob = { [K in JobName]: JobOf<K> }[JobName];

/** Which queue carries which job: a job name is never added to another queue. */
export const JOB_QUEUE: Readonly<Record<JobName, QueueName>> = {
  [JobName.ProcessComplaint]: QueueName.Complaints,
  [JobName.RedriveComplaints]: QueueName.Maintenance,
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
