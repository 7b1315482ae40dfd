import { UnrecoverableError, type Job } from 'bullmq';
import { SafeMessageError } from '@app/config';
import { JobName, QueueName } from '@app/contracts';
import { JobHandlerRegistry } from './job-handler.registry';
import { TypedJob, TypedJobProcessor } from './typed-job.processor';

const ID = '6f1c2a9e-4b7d-4c3a-9e2f-0a1b2c3d4e5f';

class Handled extends TypedJobProcessor<JobName.SendMail, string> {
  constructor(registry = new JobHandlerRegistry()) {
    super(QueueName.Mail, [JobName.SendMail], registry);
  }

  protected async handle(job: TypedJob<JobName.SendMail>): Promise<string> {
    return `${job.id} ${job.name} ${job.data.kind} ${job.data.id}`;
  }
}

const job = (fields: Partial<Job>): Job => ({ id: `mail.alert.${ID}`, name: 'send-mail', data: { kind: 'alert', id: ID }, ...fields }) as Job;

describe('the typed job base', () => {
  it('hands a valid job to the handler, typed', async () => {
    await expect(new Handled().process(job({}))).resolves.toBe(`mail.alert.${ID} send-mail alert ${ID}`);
  });

  it('fails a job lost in Redis for good', async () => {
    await expect(new Handled().process(job({ data: null }))).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('refuses a job name of another queue without quoting it', async () => {
    const refused = new Handled().process(job({ name: 'process-complaint' }));
    await expect(refused).rejects.toBeInstanceOf(SafeMessageError);
    await expect(refused).rejects.toThrow('unexpected job on mail: not one of send-mail');
  });

  it('refuses an invalid payload, naming the field', async () => {
    await expect(new Handled().process(job({ data: { kind: 'alert', id: 'x' } }))).rejects.toThrow('invalid send-mail payload: id must be a UUID');
  });

  it('registers its job names, and refuses at start-up one that belongs to another queue', () => {
    const registry = new JobHandlerRegistry();
    new Handled(registry);
    expect(() => registry.assertComplete()).toThrow('No handler for job(s): process-complaint, redrive-complaints, dispatch-mail, run-digests, refresh-learning, drop-raw-text, apply-review;');
    class Stray extends TypedJobProcessor<JobName.ApplyReview, void> {
      constructor() {
        super(QueueName.Mail, [JobName.ApplyReview], new JobHandlerRegistry());
      }
      protected async handle(): Promise<void> {}
    }
    expect(() => new Stray()).toThrow('job(s) apply-review do not belong to queue mail');
  });
});
