import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Classifier } from '../runtime/classifier';
import { fromArtefact, toArtefact, type ClassifierArtefact } from '../runtime/classifier-artefact';

/**
 * Training the default classifier takes seconds; every worker start, test file and restarted
 * replica would pay it. The trained model is cached as an artefact keyed by a hash of
 * everything that shapes it — the corpus and lexicon data and the classifier's own source
 * (runtime/ and training/, as .ts or compiled .js) — so any change to either retrains, and an
 * unchanged tree loads in milliseconds. The cache holds a model trained on the shipped,
 * invented corpus only: no complaint data.
 */
const CLASSIFICATION_DIR = join(__dirname, '..');
const SHAPING_DIRS = ['data', 'data/corpus', 'runtime', 'training'];
const CACHE_DIR = join(tmpdir(), 'clp-classifier-cache');

function modelKey(): string {
  const hash = createHash('sha256');
  for (const dir of SHAPING_DIRS) {
    const path = join(CLASSIFICATION_DIR, dir);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).sort()) {
      if (!/\.(ts|js|json|jsonl)$/.test(name) || /\.spec\.(ts|js)$/.test(name)) continue;
      hash.update(`${dir}/${name}\0`).update(readFileSync(join(path, name))).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** The cached model for this tree, or a freshly trained one (then cached). */
export function cachedClassifier(train: () => Classifier): Classifier {
  const file = join(CACHE_DIR, `${modelKey()}.json`);
  if (existsSync(file)) {
    try {
      return fromArtefact(JSON.parse(readFileSync(file, 'utf8')) as ClassifierArtefact);
    } catch {
      // A truncated or foreign file: train and overwrite it.
    }
  }
  const classifier = train();
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename: a concurrent reader sees the old file or the whole new one.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(toArtefact(classifier)));
    renameSync(partial, file);
  } catch {
    // A read-only or full disk only costs the next process its own training.
  }
  return classifier;
}
