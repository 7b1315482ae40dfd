import { EnqueueRequest, JobName, SendMailPayload, sendMailJobId } from '@app/contracts';

/** Enough attempts to ride out a relay restart; the outbox sweep queues the email again after the last. */
export const MAIL_ATTEMPTS = 8;

/** Send-mail jobs: one per email, id derived from the row that records its sent state. */
export function sendMailRequests(payloads: SendMailPayload[], retryDelayMs: number): Array<EnqueueRequest<JobName.SendMail>> {
  return payloads.map((data) => ({
    data,
    jobId: sendMailJobId(data),
    options: { attempts: MAIL_ATTEMPTS, backoff: { type: 'exponential', delay: retryDelayMs } },
  }));
}
