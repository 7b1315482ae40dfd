/**
 * `npm run train`: builds a candidate classifier from the corpus plus the reviewed complaints
 * (redacted text, reviewers' labels), judges it against the active model on the held-out
 * part, the independent set and the held-out fifth of the reviews, stores it in the model
 * registry (`classifier_model`) and activates it only if the promotion gate passes.
 * Workers pick an activated model up within CLASSIFIER_POLL_SECONDS. See docs/classifier.md §6.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../libs/config/src';
import { AuditRepository, ClassifierModelRepository, ClassifierTrainingRepository, dataSourceOptions } from '../libs/persistence/src';
import { trainAndRegister } from '../apps/worker/src/classifier/candidate-training';
import { formatTrainingOutcome } from '../apps/worker/src/classifier/training-report';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await new DataSource(dataSourceOptions({ ...config, poolSize: 2 })).initialize();
  try {
    const started = Date.now();
    const outcome = await trainAndRegister(new ClassifierModelRepository(db, new AuditRepository(db)), new ClassifierTrainingRepository(db));
    process.stdout.write(`${formatTrainingOutcome(outcome)}\n\ntrained and judged in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    if (outcome.row.status === 'active' && outcome.activeVersion !== outcome.version) process.stdout.write('run `npm run reclassify` to re-run unreviewed complaints with it\n');
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`train failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
