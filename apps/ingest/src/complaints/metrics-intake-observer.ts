import { Injectable } from '@nestjs/common';
import type { IntakeObserver } from '@app/intake';
import { IngestMetrics } from '../metrics/ingest-metrics.service';

/** The shared intake's counts as ingest's Prometheus metrics. */
@Injectable()
export class MetricsIntakeObserver implements IntakeObserver {
  constructor(private readonly metrics: IngestMetrics) {}

  accepted(endpoint: string, count: number): void {
    this.metrics.accepted.inc({ endpoint }, count);
  }

  rejected(field: string | undefined): void {
    this.metrics.countRejected(field);
  }

  enqueueDeferred(count: number): void {
    this.metrics.enqueueFailures.inc(count);
  }

  singleFlush(rows: number): void {
    this.metrics.singleFlushRows.observe(rows);
  }
}
