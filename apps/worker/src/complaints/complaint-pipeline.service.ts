import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SafeMessageError } from '@app/config';
import type { ProcessComplaintPayload } from '@app/contracts';
import type { ThemeId } from '@app/domain';
import { decideBatch, type BatchSubject } from '@app/domain/dedup';
import { createDefaultClassifier, type Classifier } from '@app/domain/understanding';
import { ComplaintRepository, LearningRepository, mergeCandidates, type CandidateKeys } from '@app/persistence';
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
    const claims = await this.complaints.loadForProcessing(jobs);
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
    const subjects = analysed.map((a) => a.subject);
    const keys = candidateKeys(subjects);
    // Everything that does not depend on other batches' decisions happens before the lock.
    const phases: Record<string, number> = {};
    let t = performance.now();
    const routing = await this.learning.loadRoutingInputs(organisationIds, themes);
    await this.learning.saveUnderstanding(analysed.map(understandingRow));
    phases.understanding = performance.now() - t;
    t = performance.now();
    const snapshot = await this.learning.loadCandidateSnapshot(keys);
    phases.snapshot = performance.now() - t;
    phases.snapshotCount = snapshot.candidates.length;
    t = performance.now();
    const result = await this.learning.inTransaction(async (tx) => {
      phases.lock = performance.now() - t;
      const locked = performance.now();
      const recent = await tx.loadDecidedSince(snapshot.watermark, keys);
      phases.recentCount = recent.candidates.length;
      const overrides = await tx.loadOverrides(keys.excludeIds);
      const decisions = decideBatch(subjects, mergeCandidates(snapshot.candidates, recent), {
        nearThreshold: this.config.dedupNearThreshold,
        neverMerge: overrides.neverMerge,
      });
      applyManualMerges(decisions, overrides.mergeInto);
      const outcomes = analysed.map((a) => toOutcome(a, decisions.get(a.claim.id) ?? { kind: 'original', related: [] }, routing));
      const saved = await tx.saveDecisions(outcomes);
      phases.locked = performance.now() - locked;
      return new Map(saved.map((outcome) => [outcome.id, outcome.status]));
    });
    this.logger.debug({ phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])) }, 'store phases');
    return result;
  }

  private classifierInstance(): Classifier {
    this.classifier ??= createDefaultClassifier();
    return this.classifier;
  }

  /** Lets the fault suite plant a record that always fails; honoured only under NODE_ENV=test. */
  private injectFaultForTests(summary: string): void {
    const marker = this.config.env === 'test' ? this.config.faultPoisonMarker : undefined;
    if (marker && summary.includes(marker)) throw new SafeMessageError('injected fault: poison record');
  }
}

function candidateKeys(subjects: BatchSubject[]): CandidateKeys {
  return {
    bands: [...new Set(subjects.flatMap((s) => s.bands))],
    subjectBands: subjects.map((s) => [...s.bands]),
    exactKeys: subjects.map((s) => ({ organisationId: s.organisationId, exactHash: s.exactHash })),
    complainantHashes: [...new Set(subjects.flatMap((s) => (s.complainantHash ? [s.complainantHash] : [])))],
    excludeIds: subjects.map((s) => s.id),
  };
}
