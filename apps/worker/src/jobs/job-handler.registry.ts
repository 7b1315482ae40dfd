import { Injectable } from '@nestjs/common';
import { JobName } from '@app/contracts';

/**
 * Processors register the job names they handle; the worker refuses to start when any
 * job name in the contract has no handler, instead of letting such jobs fail at run time.
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly handled = new Set<JobName>();

  register(...names: JobName[]): void {
    for (const name of names) this.handled.add(name);
  }

  assertComplete(): void {
    const missing = Object.values(JobName).filter((name) => !this.handled.has(name));
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}; the worker will not start`);
  }
}
