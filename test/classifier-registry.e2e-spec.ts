import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName, redisOptionsFromUrl } from '@app/contracts';
import { loadCorpusFile } from '@app/domain/understanding/classification/training/corpus';
import { trainClassifier } from '@app/domain/understanding/classification/training/train-classifier';
import { AuditRepository, ClassifierModelRepository, ClassifierTrainingRepository, dataSourceOptions } from '@app/persistence';
import { ActiveClassifier } from '../apps/worker/src/classifier/active-classifier.service';
import { trainAndRegister, type TrainingSources } from '../apps/worker/src/classifier/candidate-training';
import { reclassifyUnreviewed } from '../apps/worker/src/classifier/reclassify-unreviewed';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface LabelledComplaint {
  id: string;
  serviceArea: string;
  summary: string;
  learning: string;
  outcome: string;
  themes: string[];
  severity: string;
}
interface ModelView {
  version: string;
  builtIn: boolean;
  status: string;
  reason: string;
  training: Record<string, unknown>;
  evaluation: Record<string, { n: number; microF1: number }> | null;
}
interface Registry {
  active: ModelView | null;
  candidates: ModelView[];
  retired: ModelView[];
}

const COMPLAINTS: LabelledComplaint[] = readFileSync(join(__dirname, 'fixtures', 'review-loop-sample.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledComplaint);
const REVIEWED = 20;

// A small corpus keeps each training to about a second; the built-in model is stood in for by
// one trained on that corpus, so the gate compares like with like. The real corpus is trained in
// retrain-candidate.real.spec.ts.
const corpus = loadCorpusFile(join(__dirname, '..', 'libs/domain/src/understanding/classification/data/corpus/long-multi-theme.jsonl')).slice(0, 120);
const builtInStandIn = trainClassifier(corpus);
const SOURCES: TrainingSources = { corpus, independent: loadCorpusFile(join(__dirname, '..', 'eval', 'independent-themes.jsonl')).slice(0, 40), builtIn: () => builtInStandIn };

describe('classifier registry: retraining from reviews, promotion, hot swap (real PostgreSQL, Redis, two workers)', () => {
  const stack = new TestStack({ env: { CLASSIFIER_POLL_SECONDS: '1', WORKER_CONCURRENCY: '4' } });
  let api: ApiClient;
  let db: DataSource;
  let models: ClassifierModelRepository;
  let training: ClassifierTrainingRepository;
  let replica: INestApplicationContext;
  let org: { id: string; apiKey: string };
  const ids: string[] = [];
  const admin = () => stack.config.adminToken;
  let candidateVersion = '';

  beforeAll(async () => {
    await stack.start();
    replica = await stack.startExtraWorker();
    api = new ApiClient(stack.baseUrl);
    db = await new DataSource(dataSourceOptions({ ...stack.config, migrateOnStart: false, poolSize: 2 })).initialize();
    models = new ClassifierModelRepository(db, new AuditRepository(db));
    training = new ClassifierTrainingRepository(db);
    org = await createOrganisation(api, admin());
    ids.push(...(await submitComplaints(api, org.apiKey, COMPLAINTS.map((c) => complaintRecord({ serviceArea: c.serviceArea, summary: c.summary, learning: c.learning, outcome: c.outcome })))));
    await stack.waitFor(async () => {
      const counts = await stack.statusCounts();
      return (counts.processed ?? 0) + (counts.duplicate ?? 0) === ids.length;
    }, 'the complaints to be processed', 60_000);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await stack.stop();
  });

  it('registers the built-in model once, as the active one, and shows the registry to the operator only', async () => {
    const registry = await api.get<Registry>('/v1/classifier', { token: admin() });
    expect(registry.status).toBe(200);
    expect(registry.body.active).toMatchObject({ version: 'clf-1.5.0', builtIn: true, status: 'active' });
    expect(registry.body.candidates).toEqual([]);
    expect((await stack.db.query(`SELECT count(*)::int AS n FROM classifier_model`)).rows[0].n).toBe(1);
    expect((await api.get('/v1/classifier', { token: org.apiKey })).status).toBe(403);
    expect((await api.get('/v1/classifier')).status).toBe(401);
    const { rows } = await stack.db.query(`SELECT DISTINCT classifier_version AS v FROM complaint`);
    expect(rows).toEqual([{ v: 'clf-1.5.0' }]);
    const doc = (await api.get<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>('/docs/openapi.json')).body;
    expect(Object.keys(doc.paths['/v1/classifier'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/v1/classifier/{version}/activate'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/classifier/{version}/retire'])).toEqual(['post']);
    expect(Object.keys(doc.components.schemas.ClassifierRegistryDto.properties ?? {})).toEqual(['active', 'candidates', 'retired']);
  });

  it('trains a candidate from the reviews, deterministically, and stores it with its figures and the gate’s reason', async () => {
    // With no reviews the candidate is the active model itself: nothing is stored.
    const unchanged = await trainAndRegister(models, training, SOURCES);
    expect(unchanged.decision.reason).toBe('identical to the active model clf-1.5.0: nothing stored');
    expect((await stack.db.query(`SELECT count(*)::int AS n FROM classifier_model`)).rows[0].n).toBe(1);

    for (let i = 0; i < REVIEWED; i += 1) {
      const put = await api.request('PUT', `/v1/complaints/${ids[i]}/review`, { token: org.apiKey, body: { themes: COMPLAINTS[i].themes, severity: COMPLAINTS[i].severity } });
      expect(put.status).toBe(200);
    }
    const first = await trainAndRegister(models, training, SOURCES);
    const second = await trainAndRegister(models, training, SOURCES);
    expect(second.version).toBe(first.version);
    expect(second.artefactHash).toBe(first.artefactHash);
    expect(first.version).toMatch(/^clf-1\.5\.0\+r[0-9a-f]{12}$/);
    expect(first.counts.reviewsTrained + first.counts.reviewsHeldOut).toBe(REVIEWED);
    expect(first.candidate.reviews.n).toBe(first.counts.reviewsHeldOut);
    expect(first.candidate.independent.n).toBe(40);
    candidateVersion = first.version;

    const { rows } = await stack.db.query(`SELECT version, status, reason, artefact_sha256 AS sha, octet_length(artefact) AS bytes FROM classifier_model WHERE NOT built_in`);
    expect(rows).toEqual([{ version: first.version, status: first.decision.promote ? 'active' : 'candidate', reason: expect.any(String), sha: first.artefactHash, bytes: expect.any(Number) }]);
    if (first.decision.promote) {
      expect(rows[0].reason).toBe('passed the gate against clf-1.5.0');
    } else {
      // Which set, which theme, by how much.
      expect(rows[0].reason).toMatch(/^not promoted over clf-1\.5\.0: (heldOut|independent|reviews): .+ \d\.\d{3} → \d\.\d{3} \(-\d\.\d{4}\)/);
    }
    const registry = (await api.get<Registry>('/v1/classifier', { token: admin() })).body;
    const shown = [registry.active, ...registry.candidates].find((m) => m?.version === first.version);
    expect(shown?.evaluation).toEqual({
      heldOut: expect.objectContaining({ n: first.counts.corpusHeldOut }),
      independent: expect.objectContaining({ n: 40 }),
      reviews: expect.objectContaining({ n: first.counts.reviewsHeldOut }),
    });
  });

  it('activates by hand with an audit row; both workers switch within the poll without a restart; classifications name the model', async () => {
    // Start from the built-in model, whatever the gate decided, so the switch is observable.
    if ((await models.active())?.version !== 'clf-1.5.0') {
      expect((await api.post('/v1/classifier/clf-1.5.0/activate', { token: admin() })).status).toBe(200);
      await bothWorkersRun('clf-1.5.0');
    }
    const activated = Date.now();
    const answer = await api.post<ModelView>(`/v1/classifier/${encodeURIComponent(candidateVersion)}/activate`, { token: admin(), body: { reason: 'figures checked by hand' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ version: candidateVersion, status: 'active', reason: 'figures checked by hand' });
    await bothWorkersRun(candidateVersion);
    // Poll every second: both replicas follow well within a minute.
    expect(Date.now() - activated).toBeLessThan(10_000);

    const registry = (await api.get<Registry>('/v1/classifier', { token: admin() })).body;
    expect(registry.active?.version).toBe(candidateVersion);
    expect(registry.retired.map((m) => m.version)).toContain('clf-1.5.0');
    const audit = await api.get<{ items: Array<{ action: string; actorKind: string; subjectId: string; detail: Record<string, unknown> }> }>('/v1/audit?action=classifier.activate', { token: admin() });
    expect(audit.body.items[0]).toMatchObject({ actorKind: 'admin', subjectId: candidateVersion, detail: { replaced: 'clf-1.5.0', reason: 'figures checked by hand' } });

    const [fresh] = await submitComplaints(api, org.apiKey, [complaintRecord()]);
    const version = await stack.waitFor(async () => {
      const { rows } = await stack.db.query(`SELECT classifier_version AS v, classification->>'version' AS c FROM complaint WHERE id = $1 AND status IN ('processed', 'duplicate')`, [fresh]);
      return rows[0];
    }, 'the new complaint to be processed');
    expect(version).toEqual({ v: candidateVersion, c: candidateVersion });
  });

  it('refuses to retire the active model, retires a candidate, and names what is wrong', async () => {
    const active = await api.post<{ statusCode: number; details: unknown[] }>(`/v1/classifier/${encodeURIComponent(candidateVersion)}/retire`, { token: admin() });
    expect(active.status).toBe(409);
    expect(active.body.details).toEqual([{ field: 'version', message: 'is the active model' }]);
    expect((await api.post('/v1/classifier/clf-9.9.9/activate', { token: admin() })).status).toBe(404);
    expect((await api.post('/v1/classifier/not-a-version/retire', { token: admin() })).status).toBe(404);
    expect((await api.post(`/v1/classifier/${encodeURIComponent(candidateVersion)}/activate`, { token: admin() })).status).toBe(409);
    const bad = await api.post<{ details: unknown[] }>('/v1/classifier/clf-1.5.0/retire', { token: admin(), body: { reason: 7, other: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { field: 'other', message: 'is not a known field' },
      { field: 'reason', message: 'must be text of 1 to 500 characters' },
    ]);
    expect((await api.post('/v1/classifier/clf-1.5.0/activate', { token: org.apiKey })).status).toBe(403);

    const stored = { codeVersion: 'clf-1.5.0', reason: 'stored by the test', training: {}, evaluation: {}, activeEvaluation: {}, artefactSha256: '0'.repeat(64), artefactJson: '{}' };
    await models.saveCandidate({ ...stored, version: 'clf-1.5.0+r000000000000' });
    const retired = await api.post<ModelView>('/v1/classifier/clf-1.5.0+r000000000000/retire', { token: admin(), body: { reason: 'superseded' } });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ status: 'retired', reason: 'superseded' });
    const audit = await api.get<{ items: Array<{ actorKind: string; subjectId: string }> }>('/v1/audit?action=classifier.retire', { token: admin() });
    expect(audit.body.items).toEqual([expect.objectContaining({ actorKind: 'admin', subjectId: 'clf-1.5.0+r000000000000' })]);
    // A model made by other classifier code cannot run here.
    await models.saveCandidate({ ...stored, codeVersion: 'clf-1.4.0', version: 'clf-1.4.0+r111111111111' });
    const foreign = await api.post<{ details: unknown[] }>('/v1/classifier/clf-1.4.0+r111111111111/activate', { token: admin() });
    expect(foreign.status).toBe(409);
    expect(foreign.body.details).toEqual([{ field: 'version', message: 'cannot run on this release' }]);
    expect((await models.active())?.version).toBe(candidateVersion);
  });

  it('re-queues only unreviewed complaints, behind new ones: a new complaint overtakes the whole backlog', async () => {
    const before = await stack.db.query<{ id: string; v: string; at: Date }>(`SELECT id, classifier_version AS v, processed_at AS at FROM complaint WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids.slice(0, REVIEWED)]);
    await stack.stopWorker();
    const queue = new Queue(QueueName.Complaints, { connection: redisOptionsFromUrl(stack.config.redisUrl), prefix: stack.config.queuePrefix });
    try {
      const queued = await reclassifyUnreviewed(training, queue, candidateVersion);
      expect(queued).toBe(COMPLAINTS.length - REVIEWED);
      expect(await queue.getPrioritizedCount()).toBe(COMPLAINTS.length - REVIEWED);
      const [fresh] = await submitComplaints(api, org.apiKey, [complaintRecord()]);
      await stack.startWorker();
      await stack.waitFor(async () => (await queue.getPrioritizedCount()) === 0 && (await queue.getWaitingCount()) === 0 && (await queue.getActiveCount()) === 0, 'the backlog to drain', 60_000);
      await stack.waitFor(async () => {
        const counts = await stack.statusCounts();
        return counts.received === undefined && counts.processing === undefined;
      }, 'every complaint to be finished', 60_000);
      const { rows } = await stack.db.query<{ later: number }>(
        `SELECT count(*)::int AS later FROM complaint WHERE id = ANY($1::uuid[]) AND processed_at > (SELECT processed_at FROM complaint WHERE id = $2)`,
        [ids.slice(REVIEWED), fresh],
      );
      // Four jobs at a time: the new complaint goes in the first fetch, ahead of at least all but three of the backlog.
      expect(rows[0].later).toBeGreaterThanOrEqual(COMPLAINTS.length - REVIEWED - 3);
      // Nothing is left to do: a second run queues nothing.
      expect(await reclassifyUnreviewed(training, queue, candidateVersion)).toBe(0);
    } finally {
      await queue.close();
    }
    const reclassified = await stack.db.query(`SELECT DISTINCT classifier_version AS v FROM complaint WHERE id = ANY($1::uuid[])`, [ids.slice(REVIEWED)]);
    expect(reclassified.rows).toEqual([{ v: candidateVersion }]);
    // Reviewed complaints were not touched.
    const after = await stack.db.query<{ id: string; v: string; at: Date }>(`SELECT id, classifier_version AS v, processed_at AS at FROM complaint WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids.slice(0, REVIEWED)]);
    expect(after.rows).toEqual(before.rows);
  }, 120_000);

  it('reports per theme what reviewers added, removed and confirmed', async () => {
    const rows = await training.agreement();
    const { rows: model } = await stack.db.query<{ labels: number }>(`SELECT count(*)::int AS labels FROM complaint_review, unnest(model_themes)`);
    const totals = rows.reduce((t, r) => ({ added: t.added + r.added, removed: t.removed + r.removed, confirmed: t.confirmed + r.confirmed }), { added: 0, removed: 0, confirmed: 0 });
    // The reviewers gave exactly the fixture's labels: every one is either confirmed or added.
    expect(totals.added + totals.confirmed).toBe(COMPLAINTS.slice(0, REVIEWED).reduce((n, c) => n + c.themes.length, 0));
    expect(totals.removed + totals.confirmed).toBe(model[0].labels);
    const delay = rows.find((r) => r.theme === 'delay');
    expect(delay && delay.added + delay.confirmed).toBe(COMPLAINTS.slice(0, REVIEWED).filter((c) => c.themes.includes('delay')).length);
  });

  async function bothWorkersRun(version: string): Promise<void> {
    const workers = [stack.worker as INestApplicationContext, replica];
    await stack.waitFor(async () => {
      const versions = await Promise.all(workers.map(async (w) => (await w.get(ActiveClassifier).classifier()).version));
      return versions.every((v) => v === version);
    }, `both workers to run ${version}`, 15_000);
  }
});
