import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { ProcessComplaintPayload } from '@app/contracts';
import type { ThemeId } from '@app/domain';
import { decideBatch } from '@app/domain/dedup';
import { createDefaultClassifier, type Classifier } from '@app/domain/understanding';
import { ComplaintRepository, LearningRepository, LearningTransaction } from '@app/persistence';
import { analyseComplaint, understandingRow, type AnalysedComplaint } from './complaint-analysis';
import { applyManualMerges, toOutcome } from './complaint-routing';

export type PipelineOutcome = { complaintId: string; status: 'processed' | 'duplicate' | 'skipped' };

/**
 * Runs a batch of complaint versions through redaction, classification, dedup and routing.
 * Every step is idempotent: a version already finished or superseded is skipped, and all
 * derived rows have unique keys, so at-least-once delivery never processes twice.
 */
@Injectable()
export class ComplaintPipelineService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ComplaintPipelineService.name);
  private classifier: Classifier | undefined;

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly learning: LearningRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Training takes a moment; pay it at start-up, not in the first job.
    this.classifier = createDefaultClassifier();
  }

  async processBatch(jobs: ProcessComplaintPayload[]): Promise<Array<PipelineOutcome | Error>> {
    const started = performance.now();
    const claims = await this.complaints.claimForProcessing(jobs);
    const claimed = performance.now();
    const analysed: AnalysedComplaint[] = [];
    const errors = new Map<string, Error>();
    for (const claim of claims) {
      try {
        this.injectFaultForTests(claim.summary);
        analysed.push(analyseComplaint(claim, this.classifierInstance()));
      } catch (error) {
        errors.set(claim.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const understood = performance.now();
    const statuses = analysed.length > 0 ? await this.decideAndStore(analysed) : new Map<string, 'processed' | 'duplicate'>();
    this.logger.debug(
      {
        batch: jobs.length,
        stored: statuses.size,
        failed: errors.size,
        claimMs: Math.round(claimed - started),
        analyseMs: Math.round(understood - claimed),
        storeMs: Math.round(performance.now() - understood),
      },
      'batch processed',
    );
    return jobs.map((job) => {
      const error = errors.get(job.complaintId);
      if (error) return error;
      return { complaintId: job.complaintId, status: statuses.get(job.complaintId) ?? 'skipped' };
    });
  }

  private async decideAndStore(analysed: AnalysedComplaint[]): Promise<Map<string, 'processed' | 'duplicate'>> {
    const organisationIds = [...new Set(analysed.map((a) => a.claim.organisationId))];
    const themes = [...new Set(analysed.flatMap((a) => a.understanding.classification.themes.map((t) => t.id)))] as ThemeId[];
    // Routing inputs are read before the dedup lock: they do not depend on other batches.
    const routing = await this.learning.loadRoutingInputs(organisationIds, themes);
    await this.learning.saveUnderstanding(analysed.map(understandingRow));
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    const result = await this.learning.inTransaction(async (tx) => {
      phases.lock = performance.now() - t0;
      const decisions = await this.decide(tx, analysed, phases);
      const t1 = performance.now();
      const outcomes = analysed.map((a) => toOutcome(a, decisions.get(a.claim.id) ?? { kind: 'original', related: [] }, routing));
      phases.route = performance.now() - t1;
      const t2 = performance.now();
      await tx.saveDecisions(outcomes);
      phases.save = performance.now() - t2;
      return new Map(outcomes.map((outcome) => [outcome.id, outcome.status]));
    });
    this.logger.debug({ phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])) }, 'store phases');
    return result;
  }

  private async decide(tx: LearningTransaction, analysed: AnalysedComplaint[], phases: Record<string, number>) {
    const subjects = analysed.map((a) => a.subject);
    const ids = subjects.map((s) => s.id);
    let t = performance.now();
    const stored = await tx.loadCandidates({
      bands: [...new Set(subjects.flatMap((s) => s.bands))],
      subjectBands: subjects.map((s) => [...s.bands]),
      exactHashes: [...new Set(subjects.map((s) => s.exactHash))],
      complainantHashes: [...new Set(subjects.flatMap((s) => (s.complainantHash ? [s.complainantHash] : [])))],
      excludeIds: ids,
    });
    phases.candidates = performance.now() - t;
    phases.candidateCount = stored.length;
    t = performance.now();
    const overrides = await tx.loadOverrides(ids);
    phases.overrides = performance.now() - t;
    t = performance.now();
    const decisions = decideBatch(subjects, stored, {
      nearThreshold: this.config.dedupNearThreshold,
      neverMerge: overrides.neverMerge,
    });
    applyManualMerges(decisions, overrides.mergeInto);
    phases.decide = performance.now() - t;
    return decisions;
  }

  private classifierInstance(): Classifier {
    this.classifier ??= createDefaultClassifier();
    return this.classifier;
  }

  /** Lets the fault suite plant a record that always fails; honoured only under NODE_ENV=test. */
  private injectFaultForTests(summary: string): void {
    const marker = this.config.env === 'test' ? this.config.faultPoisonMarker : undefined;
    if (marker && summary.includes(marker)) throw new Error('injected fault: poison record');
  }
}
