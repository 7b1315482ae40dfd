import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { ProcessComplaintPayload } from '@app/contracts';
import type { ThemeId } from '@app/domain';
import { decideBatch, type BatchSubject } from '@app/domain/dedup';
import { ComplaintRepository, PipelineResultsRepository, mergeCandidates, ReviewRepository, type CandidateKeys } from '@app/persistence';
import { ActiveClassifier } from '../classifier/active-classifier.service';
import { ComplaintAnalyser, understandingRow, type AnalysedComplaint } from './complaint-analysis';
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

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly results: PipelineResultsRepository,
    private readonly reviews: ReviewRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activeClassifier: ActiveClassifier,
    private readonly analyser: ComplaintAnalyser,
  ) {}

  /** The first batch should not wait while name lists and models load (about a second). */
  onApplicationBootstrap(): void {
    const started = performance.now();
    this.analyser.prepare();
    this.logger.log({ ms: Math.round(performance.now() - started) }, 'analysis prepared');
  }

  async processBatch(jobs: ProcessComplaintPayload[]): Promise<Array<PipelineOutcome | Error>> {
    const started = performance.now();
    // Taken once: a model swap lands between batches, never inside one.
    const classifier = await this.activeClassifier.classifier();
    const claims = await this.complaints.loadForProcessing(jobs);
    const claimed = performance.now();
    const analysed: AnalysedComplaint[] = [];
    const errors = new Map<string, Error>();
    for (const claim of claims) {
      try {
        analysed.push(this.analyser.analyse(claim, classifier));
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
    // Reviewed themes too: a reviewer's label decides routing, so its subscribers are needed.
    const reviewedBefore = await this.reviews.labelsOf(analysed.map((a) => a.claim.id));
    const themes = [
      ...new Set([...analysed.flatMap((a) => a.understanding.classification.themes.map((t) => t.id)), ...[...reviewedBefore.values()].flatMap((r) => r.themes)]),
    ] as ThemeId[];
    const subjects = analysed.map((a) => a.subject);
    const keys = candidateKeys(subjects);
    // Everything that does not depend on other batches' decisions happens before the lock.
    const phases: Record<string, number> = {};
    let t = performance.now();
    const routing = await this.results.loadRoutingInputs(organisationIds, themes);
    await this.results.saveUnderstanding(analysed.map(understandingRow));
    phases.understanding = performance.now() - t;
    t = performance.now();
    const snapshot = await this.results.loadCandidateSnapshot(keys);
    phases.snapshot = performance.now() - t;
    phases.snapshotCount = snapshot.candidates.length;
    t = performance.now();
    const result = await this.results.inTransaction(async (tx) => {
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
      // Read again under the lock: a review stored since is routed now, or by its own re-route job after this commits.
      const reviewed = await tx.loadReviewedLabels(keys.excludeIds);
      const outcomes = analysed.map((a) => toOutcome(a, decisions.get(a.claim.id) ?? { kind: 'original', related: [] }, routing, reviewed.get(a.claim.id)));
      const saved = await tx.saveDecisions(outcomes);
      phases.locked = performance.now() - locked;
      return new Map(saved.map((outcome) => [outcome.id, outcome.status]));
    });
    this.logger.debug({ phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])) }, 'store phases');
    return result;
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
