import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JobQueues, QueueName } from '@app/contracts';

@Injectable()
export class IngestMetrics implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly accepted: Counter<'endpoint'>;
  readonly rejected: Counter<'field'>;
  readonly enqueueFailures: Counter;
  readonly singleFlushRows: Histogram;

  constructor(queues: JobQueues) {
    collectDefaultMetrics({ register: this.registry });
    this.accepted = new Counter({
      name: 'complaints_accepted_total',
      help: 'Complaint records accepted (committed to PostgreSQL)',
      labelNames: ['endpoint'],
      registers: [this.registry],
    });
    this.rejected = new Counter({
      name: 'complaints_rejected_total',
      help: 'Complaint records rejected, by the first field at fault',
      labelNames: ['field'],
      registers: [this.registry],
    });
    this.enqueueFailures = new Counter({
      name: 'complaints_enqueue_deferred_total',
      help: 'Accepted records whose job could not be queued at once (the re-drive queues them later)',
      registers: [this.registry],
    });
    this.singleFlushRows = new Histogram({
      name: 'complaints_single_flush_rows',
      help: 'Single-record submissions written together in one statement (coalesced across requests)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers: [this.registry],
    });
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const name of Object.values(QueueName)) {
          const counts = await queues.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed').catch(() => null);
          for (const [state, count] of Object.entries(counts ?? {})) this.set({ queue: name, state }, count);
        }
      },
    });
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
