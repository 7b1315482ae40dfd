import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CLASSIFIER_VERSION, createDefaultClassifier, type Classifier } from '@app/domain/understanding';
import { fromArtefact, type ClassifierArtefact } from '@app/domain/understanding/classification/runtime/classifier-artefact';
import { ClassifierModelRepository } from '@app/persistence';

/**
 * The model this worker classifies with: the registry's active row, followed by polling
 * (CLASSIFIER_POLL_SECONDS, at most 30 s), so every replica runs a newly activated model
 * within one poll and no restart. The swap replaces one reference; a batch takes the
 * reference once at its start, so no batch mixes two models, and each classification
 * records the version that produced it.
 */
@Injectable()
export class ActiveClassifier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActiveClassifier.name);
  private current: Classifier | undefined;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly models: ClassifierModelRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.models.registerBuiltIn(CLASSIFIER_VERSION);
    } catch (error) {
      // Another replica registers it, or this one at its next start; polling still follows the registry.
      this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'could not register the built-in classifier');
    }
    await this.refresh();
    this.markReady();
    this.timer = setInterval(() => void this.refresh(), this.config.classifierPollSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The model to classify the next batch with (waits for start-up to have read the registry). */
  async classifier(): Promise<Classifier> {
    await this.ready;
    return this.current ?? this.builtIn();
  }

  /** Checks the registry once and swaps models if the active one changed. Never throws. */
  refresh(): Promise<void> {
    this.refreshing ??= this.check().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async check(): Promise<void> {
    try {
      const active = await this.models.active();
      if (!active || active.version === this.current?.version) return;
      if (active.codeVersion !== CLASSIFIER_VERSION) {
        this.logger.error({ active: active.version, code: CLASSIFIER_VERSION }, 'the active classifier was made by other code; keeping the current one');
        return;
      }
      const next = active.builtIn ? this.builtIn() : await this.load(active.version);
      const previous = this.current?.version;
      this.current = next;
      this.logger.log({ version: next.version, previous: previous ?? null }, 'classifier model in use');
    } catch (error) {
      // A database blip or a bad artefact keeps the model in use; the next poll tries again.
      this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'classifier refresh failed');
    }
  }

  private builtIn(): Classifier {
    return createDefaultClassifier();
  }

  private async load(version: string): Promise<Classifier> {
    const json = await this.models.loadArtefact(version);
    if (json === undefined) throw new Error(`classifier ${version} has no artefact`);
    const classifier = fromArtefact(JSON.parse(json) as ClassifierArtefact);
    if (classifier.version !== version) throw new Error(`artefact of ${version} names ${classifier.version}`);
    return classifier;
  }
}
