import { SafeMessageError } from '@app/config';
import {
  applyReviewPayload,
  dispatchMailPayload,
  dropRawTextPayload,
  JOB_PAYLOAD,
  JobName,
  processComplaintPayload,
  redriveComplaintsPayload,
  refreshLearningPayload,
  runDigestsPayload,
  sendMailPayload,
} from './queue.contract';

const ID = '6f1c2a9e-4b7d-4c3a-9e2f-0a1b2c3d4e5f';
const SECRET = 'Mrs Example of 1 Secret Street';

/** The error a validator throws for `data`: a SafeMessageError whose message never quotes the payload. */
function refusal(validate: (data: unknown) => unknown, data: unknown): string {
  try {
    validate(data);
  } catch (error) {
    expect(error).toBeInstanceOf(SafeMessageError);
    expect((error as Error).message).not.toContain(SECRET);
    return (error as Error).message;
  }
  throw new Error('the payload was accepted');
}

describe('process-complaint payload', () => {
  it('accepts an id and an integer version, and keeps nothing else', () => {
    expect(processComplaintPayload({ complaintId: 'c-1', version: 3, extra: SECRET })).toEqual({ complaintId: 'c-1', version: 3 });
  });

  it('names what is wrong', () => {
    expect(refusal(processComplaintPayload, null)).toBe('invalid process-complaint payload: not an object');
    expect(refusal(processComplaintPayload, [1, 2])).toBe('invalid process-complaint payload: not an object');
    expect(refusal(processComplaintPayload, { version: 1 })).toBe('invalid process-complaint payload: complaintId is missing');
    expect(refusal(processComplaintPayload, { complaintId: 7, version: 1 })).toBe('invalid process-complaint payload: complaintId must be a string');
    expect(refusal(processComplaintPayload, { complaintId: 'c-1', version: 1.5 })).toBe('invalid process-complaint payload: version must be an integer');
    expect(refusal(processComplaintPayload, { complaintId: 'c-1', version: SECRET })).toBe('invalid process-complaint payload: version must be an integer');
  });
});

describe('send-mail payload', () => {
  it('accepts each kind of email with a UUID', () => {
    expect(sendMailPayload({ kind: 'alert', id: ID })).toEqual({ kind: 'alert', id: ID });
    expect(sendMailPayload({ kind: 'digest', id: ID })).toEqual({ kind: 'digest', id: ID });
    expect(sendMailPayload({ kind: 'ombudsman', id: ID })).toEqual({ kind: 'ombudsman', id: ID });
  });

  it('names what is wrong', () => {
    expect(refusal(sendMailPayload, { kind: SECRET, id: ID })).toBe('invalid send-mail payload: kind must be alert, digest, ombudsman');
    expect(refusal(sendMailPayload, { kind: 'alert' })).toBe('invalid send-mail payload: id is missing');
    expect(refusal(sendMailPayload, { kind: 'alert', id: SECRET })).toBe('invalid send-mail payload: id must be a UUID');
    expect(refusal(sendMailPayload, 'alert')).toBe('invalid send-mail payload: not an object');
  });
});

describe('apply-review payload', () => {
  it('accepts a complaint UUID and a revision', () => {
    expect(applyReviewPayload({ complaintId: ID, revision: 1764806400000 })).toEqual({ complaintId: ID, revision: 1764806400000 });
  });

  it('names what is wrong', () => {
    expect(refusal(applyReviewPayload, { complaintId: SECRET, revision: 1 })).toBe('invalid apply-review payload: complaintId must be a UUID');
    expect(refusal(applyReviewPayload, { complaintId: ID })).toBe('invalid apply-review payload: revision is missing');
    expect(refusal(applyReviewPayload, { complaintId: ID, revision: 2 ** 60 })).toBe('invalid apply-review payload: revision must be a safe integer');
    expect(refusal(applyReviewPayload, { complaintId: ID, revision: '1' })).toBe('invalid apply-review payload: revision must be a safe integer');
  });
});

describe('run-digests payload', () => {
  it('accepts a frequency, with or without an instant', () => {
    expect(runDigestsPayload({ frequency: 'daily' })).toEqual({ frequency: 'daily', asOf: undefined });
    expect(runDigestsPayload({ frequency: 'weekly', asOf: '2026-12-04T08:00:00.000Z' })).toEqual({ frequency: 'weekly', asOf: '2026-12-04T08:00:00.000Z' });
  });

  it('names what is wrong', () => {
    expect(refusal(runDigestsPayload, {})).toBe('invalid run-digests payload: frequency is missing');
    expect(refusal(runDigestsPayload, { frequency: 'monthly' })).toBe('invalid run-digests payload: frequency must be daily, weekly');
    expect(refusal(runDigestsPayload, { frequency: 'daily', asOf: SECRET })).toBe('invalid run-digests payload: asOf must be an ISO 8601 instant');
    expect(refusal(runDigestsPayload, { frequency: 'daily', asOf: 2026 })).toBe('invalid run-digests payload: asOf must be an ISO 8601 instant');
  });
});

describe('scheduled sweeps', () => {
  it('carry an empty payload', () => {
    expect(redriveComplaintsPayload({})).toEqual({});
    expect(dispatchMailPayload({})).toEqual({});
    expect(refreshLearningPayload({})).toEqual({});
    expect(dropRawTextPayload({})).toEqual({});
  });

  it('refuse anything else without quoting it', () => {
    expect(refusal(redriveComplaintsPayload, { note: SECRET })).toBe('invalid redrive-complaints payload: must be empty');
    expect(refusal(dispatchMailPayload, [])).toBe('invalid dispatch-mail payload: not an object');
    expect(refusal(refreshLearningPayload, 0)).toBe('invalid refresh-learning payload: not an object');
    expect(refusal(dropRawTextPayload, { days: 1 })).toBe('invalid drop-raw-text payload: must be empty');
  });
});

describe('JOB_PAYLOAD', () => {
  it("validates each job name's payload with its own validator", () => {
    expect(JOB_PAYLOAD[JobName.SendMail]({ kind: 'digest', id: ID })).toEqual({ kind: 'digest', id: ID });
    expect(refusal(JOB_PAYLOAD[JobName.ApplyReview], { kind: 'digest', id: ID })).toBe('invalid apply-review payload: complaintId is missing');
  });
});
