/**
 * `npm run review-loop`: the whole learning loop of issue #15, end to end.
 *
 *  1. submits the labelled complaints of `eval/review-loop-complaints.jsonl` through the API;
 *  2. waits until every one is processed;
 *  3. PUTs a review with the correct labels for up to 100 the model got wrong (themes or severity);
 *  4. trains a candidate (`npm run train`'s code, real corpus) and applies the promotion gate;
 *  5. prints the candidate against the active model on the three sets, the gate's decision and
 *     reason, and the agreement table computed from `complaint_review`.
 *
 * By default it starts a private test stack (its own database and Redis prefix, dropped at the
 * end). With `--running` it uses the stack the environment describes (BASE_URL, ADMIN_TOKEN and
 * the usual DATABASE_URL/REDIS_URL): the complaints then stay in that database.
 * `--file <path>` reads another JSONL file; `--max-reviews <n>` changes the 100.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../libs/config/src';
import { AuditRepository, ClassifierModelRepository, ClassifierTrainingRepository, dataSourceOptions } from '../libs/persistence/src';
import { trainAndRegister } from '../apps/worker/src/classifier/candidate-training';
import { formatAgreement, formatTrainingOutcome } from '../apps/worker/src/classifier/training-report';

interface Labelled {
  id: string;
  sector: string;
  organisationType?: string;
  serviceArea: string;
  summary: string;
  learning?: string;
  outcome: string;
  themes: string[];
  severity: string;
}

interface ComplaintView {
  status: string;
  classification: { themes: Array<{ id: string }>; severity: string; version: string } | null;
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const FILE = option('--file') ?? join(__dirname, '..', 'eval', 'review-loop-complaints.jsonl');
const MAX_REVIEWS = Number(option('--max-reviews') ?? 100);
const say = (line: string): boolean => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const complaints = readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled);
  if (args.includes('--running')) {
    const config = loadConfig();
    const baseUrl = process.env.BASE_URL ?? `http://127.0.0.1:${config.port}`;
    await loop(complaints, baseUrl, config);
    return;
  }
  // A private stack, started in this process; the import is here so --running never loads test code.
  const { TestStack } = await import('../test/support/test-stack');
  const stack = new TestStack({ env: { CLASSIFIER_POLL_SECONDS: '5' } });
  try {
    await stack.start();
    await loop(complaints, stack.baseUrl, stack.config);
  } finally {
    await stack.stop();
  }
}

async function loop(complaints: readonly Labelled[], baseUrl: string, config: AppConfig): Promise<void> {
  const http = client(baseUrl);
  say(`# Review loop — ${complaints.length} complaints from ${FILE}`);
  const keys = new Map<string, string>();
  for (const sector of [...new Set(complaints.map((c) => c.sector))].sort()) {
    const type = complaints.find((c) => c.sector === sector)?.organisationType ?? 'public body';
    const created = await http('POST', '/v1/organisations', config.adminToken, { name: `Review loop ${sector} ${Date.now()}`, kind: 'public-body', sector, type });
    keys.set(sector, (created as { apiKey: string }).apiKey);
  }
  const ids: string[] = [];
  for (const [i, c] of complaints.entries()) {
    const body = {
      reference: `RL-${Date.now()}-${i}`,
      receivedAt: '2026-09-01T09:00:00Z',
      closedAt: '2026-10-01T09:00:00Z',
      serviceArea: c.serviceArea,
      channel: 'email',
      summary: c.summary,
      outcome: c.outcome,
      ...(c.learning ? { learning: c.learning } : {}),
      remedies: [],
    };
    ids.push(((await http('POST', '/v1/complaints', keys.get(c.sector) as string, body)) as { id: string }).id);
  }
  say(`submitted ${ids.length}; waiting for processing…`);
  const views = await waitProcessed(http, ids, complaints, keys);
  const wrong = complaints
    .map((c, i) => ({ c, i, view: views[i] }))
    .filter(({ c, view }) => view.classification !== null && !sameLabels(c, view.classification));
  say(`the model (${views[0]?.classification?.version ?? '?'}) got ${wrong.length} of ${complaints.length} wrong (themes or severity); reviewing ${Math.min(wrong.length, MAX_REVIEWS)}`);
  for (const { c, i } of wrong.slice(0, MAX_REVIEWS)) {
    await http('PUT', `/v1/complaints/${ids[i]}/review`, keys.get(c.sector) as string, { themes: c.themes, severity: c.severity });
  }
  const db = await new DataSource(dataSourceOptions({ ...config, migrateOnStart: false, poolSize: 2 })).initialize();
  try {
    const training = new ClassifierTrainingRepository(db);
    say('training the candidate on the corpus and the reviews (real corpus: about half a minute)…\n');
    const outcome = await trainAndRegister(new ClassifierModelRepository(db, new AuditRepository(db)), training);
    say(formatTrainingOutcome(outcome));
    say('\n## Agreement: reviewers against the model, per theme (from complaint_review)\n');
    say(formatAgreement(await training.agreement()));
  } finally {
    await db.destroy();
  }
}

function sameLabels(c: Labelled, classification: NonNullable<ComplaintView['classification']>): boolean {
  const predicted = classification.themes.map((t) => t.id).sort();
  const gold = [...c.themes].sort();
  return classification.severity === c.severity && predicted.length === gold.length && predicted.every((t, k) => t === gold[k]);
}

async function waitProcessed(http: ReturnType<typeof client>, ids: string[], complaints: readonly Labelled[], keys: Map<string, string>): Promise<ComplaintView[]> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const views = await Promise.all(ids.map((id, i) => http('GET', `/v1/complaints/${id}`, keys.get(complaints[i].sector) as string) as Promise<ComplaintView>));
    const finished = views.filter((v) => v.status === 'processed' || v.status === 'duplicate' || v.status === 'failed').length;
    if (finished === ids.length) return views;
    if (Date.now() > deadline) throw new Error(`only ${finished} of ${ids.length} processed after ten minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function client(baseUrl: string) {
  return async (method: string, path: string, token: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path.replace(/[0-9a-f-]{36}/, ':id')} answered ${response.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`review-loop failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
