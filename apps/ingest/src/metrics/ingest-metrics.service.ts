import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JobQueues, QueueName } from '@app/contracts';
import { THEME_IDS } from '@app/domain';
import { ComplaintRepository, HeldMailRepository, ReviewRepository } from '@app/persistence';
import { COMPLAINT_FIELDS } from '@app/intake';

/**
 * The only values the `field` label takes. A caller's unknown field name is its own text:
 * as a label it would put that text on a public endpoint and add one series per name.
 */
const REJECTION_FIELDS: ReadonlySet<string> = new Set<string>([...COMPLAINT_FIELDS, '(record)', 'csv']);
export const UNKNOWN_FIELD_LABEL = 'unknown-field';

export function rejectionLabel(field: string | undefined): string {
  return field !== undefined && REJECTION_FIELDS.has(field) ? field : UNKNOWN_FIELD_LABEL;
}

@Injectable()
export class IngestMetrics implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly accepted: Counter<'endpoint'>;
  readonly rejected: Counter<'field'>;
  readonly enqueueFailures: Counter;
  readonly singleFlushRows: Histogram;

  constructor(queues: JobQueues, complaints: ComplaintRepository, heldMail: HeldMailRepository, reviews: ReviewRepository) {
    collectDefaultMetrics({ register: this.registry });
    this.accepted = new Counter({
      name: 'complaints_accepted_total',
      help: 'Complaint records accepted (committed to PostgreSQL)',
      labelNames: ['endpoint'],
      registers: [this.registry],
    });
    this.rejected = new Counter({
      name: 'complaints_rejected_total',
      help: 'Complaint records rejected, by the first field at fault (a field of the record, (record), csv, or unknown-field)',
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
    // Read at scrape time; a failed read leaves the series out rather than failing the scrape.
    // The registry collects series concurrently, so the two lag series share one query.
    const unfinished = shareInFlight(() => complaints.unfinished().catch(() => null));
    const lagGauge = (name: string, help: string, value: (read: { count: number; oldestSeconds: number }) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const read = await unfinished();
          if (read) this.set(value(read));
        },
      });
    lagGauge('complaints_unfinished', 'Accepted complaint records not yet processed (received or processing)', (read) => read.count);
    lagGauge(
      'complaints_oldest_unfinished_seconds',
      'Seconds since the oldest unfinished complaint record was accepted (0 when none waits)',
      (read) => read.oldestSeconds,
    );
    new Gauge({
      name: 'mail_held_emails',
      help: 'Emails held in doubt (MAIL_IN_DOUBT=hold), not sent until released with npm run mail:release',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        const held = await heldMail.counts().catch(() => null);
        for (const [kind, count] of Object.entries(held ?? {})) this.set({ kind }, count);
      },
    });
    // Labels from fixed sets only: the taxonomy's theme ids and three verdicts (never a stored value).
    new Gauge({
      name: 'classifier_review_themes',
      help: "Human reviews per theme: the model's label confirmed, added by the reviewer, or removed by the reviewer",
      labelNames: ['theme', 'verdict'],
      registers: [this.registry],
      async collect() {
        const counts = await reviews.agreementCounts().catch(() => null);
        if (!counts) return;
        const byTheme = new Map(counts.map((c) => [c.theme, c]));
        for (const theme of THEME_IDS) {
          const c = byTheme.get(theme);
          for (const verdict of ['confirmed', 'added', 'removed'] as const) this.set({ theme, verdict }, c?.[verdict] ?? 0);
        }
      },
    });
  }

  /** Counts one rejected record under its first field at fault, from the fixed set of labels. */
  countRejected(field: string | undefined): void {
    this.rejected.inc({ field: rejectionLabel(field) });
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}

/** Callers that arrive while a read is in flight share it; the next caller after it settles reads afresh. */
function shareInFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= read().finally(() => (pending = undefined)));
}
