import { UnrecoverableError, type Job } from 'bullmq';
import { discardLostJob, isLostJob, lostJobError } from './lost-job';

const job = (fields: Partial<Job>): Job => ({ id: 'complaint.x.v1', name: 'process-complaint', data: { complaintId: 'x', version: 1 }, ...fields }) as Job;

describe('jobs that lost their data in Redis', () => {
  it('recognises a job hash left without name or data', () => {
    expect(isLostJob(job({}))).toBe(false);
    expect(isLostJob(job({ name: undefined as unknown as string }))).toBe(true);
    expect(isLostJob(job({ data: undefined }))).toBe(true);
    expect(isLostJob(job({ data: null }))).toBe(true);
  });

  it('fails a lost job without retries', () => {
    expect(lostJobError(job({ data: undefined }))).toBeInstanceOf(UnrecoverableError);
  });

  it('removes only lost jobs, and never throws', async () => {
    const remove = jest.fn().mockRejectedValue(new Error('locked'));
    await expect(discardLostJob(job({ data: undefined, remove }))).resolves.toBeUndefined();
    expect(remove).toHaveBeenCalledTimes(1);
    const kept = jest.fn();
    await discardLostJob(job({ remove: kept }));
    expect(kept).not.toHaveBeenCalled();
  });
});
