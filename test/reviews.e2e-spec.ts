import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName, redisOptionsFromUrl } from '@app/contracts';
import { CLASSIFIER_VERSION } from '@app/domain/understanding';
import { dataSourceOptions } from '@app/persistence';
import { requeueOutdatedClassifications } from '../apps/worker/src/maintenance/reclassify';
import { ApiClient } from './support/api-client';
import { TEXTS } from './support/complaint-texts';
import { complaintRecord, createContact, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestSmtpServer } from './support/smtp-catcher';
import { TestStack } from './support/test-stack';

/*
 * Human reviews (docs/reviews.md) against the real ingest, worker, PostgreSQL, Redis and SMTP:
 * the review wins over the model everywhere (routing, learning figures, the view), survives
 * reclassification, is undone by DELETE; the queue orders by uncertainty; the agreement
 * figures count what reviewers did.
 */
interface Theme {
  id: string;
  confidence: number | null;
  evidence: string[];
}
interface View {
  status: string;
  classification: { themes: Theme[]; severity: string; source: string; suggestions: Array<{ id: string; confidence: number }> };
  review: null | { themes: string[]; severity: string; note: string | null; model: { themes: string[]; severity: string; version: string }; reviewer: { organisationId: string; keyId: string | null } };
}
interface QueueAnswer {
  items: Array<{ id: string; uncertainty: number | null }>;
}

const GUARD_EMAIL = 'guard@southvale.example';
const RECEIVED = '2026-10-01T09:30:00Z';

describe('human reviews of complaint labels (real stack and SMTP)', () => {
  const smtp = new TestSmtpServer();
  let stack: TestStack;
  let api: ApiClient;
  let db: DataSource;
  let complaintsQueue: Queue;
  let mailQueue: Queue;
  let reviewsQueue: Queue;
  let body: CreatedOrganisation;
  let other: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;
  let reviewed: string;
  let modelThemes: string[];
  let modelSeverity: string;
  /** Northshire's complaints posted for the queue test, reused by the agreement test. */
  const queued: string[] = [];

  beforeAll(async () => {
    await smtp.start();
    stack = new TestStack({ env: { SMTP_URL: smtp.url, MAIL_DISPATCH_INTERVAL_MS: '300', LEARNING_REFRESH_INTERVAL_MS: '500' } });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    db = await new DataSource(dataSourceOptions({ ...stack.config, migrateOnStart: false, poolSize: 2 })).initialize();
    const connection = redisOptionsFromUrl(stack.config.redisUrl);
    complaintsQueue = new Queue(QueueName.Complaints, { connection, prefix: stack.config.queuePrefix });
    mailQueue = new Queue(QueueName.Mail, { connection, prefix: stack.config.queuePrefix });
    reviewsQueue = new Queue(QueueName.Reviews, { connection, prefix: stack.config.queuePrefix });
    body = await createOrganisation(api, admin, { name: 'Northshire Hospitals NHS Trust', sector: 'health' });
    other = await createOrganisation(api, admin, { name: 'Southvale University Hospitals', sector: 'health' });
    ombudsman = await createOrganisation(api, admin, { name: 'Health Ombudsman', kind: 'ombudsman', sector: 'other' });
    // Southvale wants safeguarding cases of any health body at once.
    await createContact(api, admin, other.id, { name: 'Gita Rao', email: GUARD_EMAIL, themes: ['safeguarding'], digest: 'weekly' });
    const rule = await api.post('/v1/routing-rules', {
      token: admin,
      body: { name: 'Safeguarding to Southvale', match: { themes: ['safeguarding'] }, target: { kind: 'organisations', organisationIds: [other.id] }, mode: 'immediate', includeBodyName: false },
    });
    expect(rule.status).toBe(201);
    [reviewed] = await submitComplaints(api, body.apiKey, [complaintRecord({ reference: 'NHT-REVIEW-1', summary: TEXTS.rudeReception, receivedAt: RECEIVED })]);
    await stack.waitForProcessingAndRollup();
    const first = await view(reviewed, body.apiKey);
    modelThemes = first.classification.themes.map((t) => t.id);
    modelSeverity = first.classification.severity;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([complaintsQueue?.close(), mailQueue?.close(), reviewsQueue?.close()]);
    await db?.destroy();
    await stack?.stop();
    await smtp.stop();
  });

  it('shows the model labels with their evidence and near-miss suggestions before any review', async () => {
    const before = await view(reviewed, body.apiKey);
    expect(before.review).toBeNull();
    expect(before.classification.source).toBe('model');
    expect(modelThemes).toContain('staff-attitude');
    // The premise of the routing test below: the model did not see safeguarding.
    expect(modelThemes).not.toContain('safeguarding');
    for (const theme of before.classification.themes) expect(theme.evidence.length).toBeGreaterThan(0);
    expect(Array.isArray(before.classification.suggestions)).toBe(true);
    for (const s of before.classification.suggestions) expect(modelThemes).not.toContain(s.id);
    const { rows } = await stack.db.query<{ u: number }>('SELECT label_uncertainty AS u FROM complaint WHERE id = $1', [reviewed]);
    expect(rows[0].u).toBeGreaterThanOrEqual(0);
    expect(rows[0].u).toBeLessThanOrEqual(1);
  });

  it('refuses invalid labels naming each field', async () => {
    const answer = await put(reviewed, body.apiKey, { themes: ['staff-attitude', 'parking'], severity: 'catastrophic', mood: 'cross' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((answer.body as { details: Array<{ field: string }> }).details.map((d) => d.field)).toEqual(['mood', 'themes[1]', 'severity']);
    const noThemes = await put(reviewed, body.apiKey, { severity: 'low' });
    expect(noThemes.status).toBe(400);
    expect((noThemes.body as { details: Array<{ field: string }> }).details).toEqual([{ field: 'themes', message: 'must be an array of theme ids' }]);
  });

  it("does not let a body review or un-review another body's complaint (404, like a missing one)", async () => {
    const foreign = await put(reviewed, other.apiKey, { themes: ['delay'], severity: 'low' });
    expect(foreign.status).toBe(404);
    const missing = await put('00000000-0000-4000-8000-00000000abcd', other.apiKey, { themes: ['delay'], severity: 'low' });
    expect(missing.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await api.request('DELETE', `/v1/complaints/${reviewed}/review`, { token: other.apiKey })).status).toBe(404);
    const { rows } = await stack.db.query('SELECT 1 FROM complaint_review WHERE complaint_id = $1', [reviewed]);
    expect(rows).toHaveLength(0);
  });

  it('routes a theme the reviewer added to the contact who follows it, exactly once, and recounts the learning figures', async () => {
    expect(await themeCount('safeguarding')).toBe(0);
    const staffBefore = await themeCount('staff-attitude');
    expect(staffBefore).toBe(1);
    const answer = await put(reviewed, body.apiKey, { themes: ['safeguarding', 'staff-attitude'], severity: modelSeverity, note: 'the child was left at risk' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      themes: ['staff-attitude', 'safeguarding'],
      severity: modelSeverity,
      note: 'the child was left at risk',
      model: { themes: modelThemes, severity: modelSeverity, version: CLASSIFIER_VERSION },
      reviewer: { organisationId: body.id },
    });
    await smtp.waitFor(() => smtp.messages.some((m) => m.envelopeTo.includes(GUARD_EMAIL)), 'the safeguarding alert');
    await settled();
    // The same review again: a new apply job, which must add nothing.
    expect((await put(reviewed, body.apiKey, { themes: ['safeguarding', 'staff-attitude'], severity: modelSeverity })).status).toBe(200);
    await settled();
    expect(smtp.messages.filter((m) => m.envelopeTo.includes(GUARD_EMAIL))).toHaveLength(1);
    const { rows } = await stack.db.query(
      `SELECT d.mode FROM delivery d JOIN contact ct ON ct.id = d.contact_id WHERE d.complaint_id = $1 AND ct.email = $2 ORDER BY d.mode`,
      [reviewed, GUARD_EMAIL],
    );
    // Immediate by the rule; digest by the default sharing of upheld learning with the sector's subscribers to the theme.
    expect(rows.map((r: { mode: string }) => r.mode)).toEqual(['digest', 'immediate']);
    expect(await themeCount('safeguarding')).toBe(1);
    expect(await themeCount('staff-attitude')).toBe(1);

    const after = await view(reviewed, body.apiKey);
    expect(after.classification.source).toBe('review');
    expect(after.classification.themes.map((t) => t.id)).toEqual(['staff-attitude', 'safeguarding']);
    expect(after.classification.themes[1]).toEqual({ id: 'safeguarding', confidence: null, evidence: [] });
    expect(after.review?.themes).toEqual(['staff-attitude', 'safeguarding']);
    // The Ombudsman sees the same review.
    expect((await view(reviewed, ombudsman.apiKey)).review?.reviewer.organisationId).toBe(body.id);
    const audit = await stack.db.query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`, [reviewed]);
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(['complaint.review.put', 'complaint.review.put']);
  }, 90_000);

  it('keeps the review through reclassification, and sends nothing again', async () => {
    await stack.db.query(`UPDATE complaint SET classifier_version = 'clf-0.0.1' WHERE id = $1`, [reviewed]);
    const { rows: before } = await stack.db.query(`SELECT processed_at FROM complaint WHERE id = $1`, [reviewed]);
    expect(await requeueOutdatedClassifications(db, complaintsQueue, CLASSIFIER_VERSION)).toBe(1);
    await stack.waitFor(async () => {
      const { rows } = await stack.db.query(`SELECT status, processed_at FROM complaint WHERE id = $1`, [reviewed]);
      return rows[0].status === 'processed' && rows[0].processed_at.getTime() !== before[0].processed_at.getTime();
    }, 'the complaint reclassified');
    await settled();
    const { rows } = await stack.db.query(`SELECT themes, classifier_version FROM complaint WHERE id = $1`, [reviewed]);
    expect(rows[0]).toEqual({ themes: ['staff-attitude', 'safeguarding'], classifier_version: CLASSIFIER_VERSION });
    const after = await view(reviewed, body.apiKey);
    expect(after.classification.source).toBe('review');
    expect(after.review?.themes).toEqual(['staff-attitude', 'safeguarding']);
    expect(smtp.messages.filter((m) => m.envelopeTo.includes(GUARD_EMAIL))).toHaveLength(1);
  }, 90_000);

  it("DELETE returns the complaint to the model's labels everywhere", async () => {
    const removed = await api.request('DELETE', `/v1/complaints/${reviewed}/review`, { token: body.apiKey });
    expect(removed.status).toBe(204);
    await stack.waitFor(async () => (await themeCount('safeguarding')) === 0 || undefined, 'the rollup to drop safeguarding');
    await settled();
    const after = await view(reviewed, body.apiKey);
    expect(after.review).toBeNull();
    expect(after.classification.source).toBe('model');
    expect(after.classification.themes.map((t) => t.id)).toEqual(modelThemes);
    const { rows } = await stack.db.query(`SELECT themes, severity FROM complaint WHERE id = $1`, [reviewed]);
    expect(rows[0]).toEqual({ themes: modelThemes, severity: modelSeverity });
    // The unsent digest delivery the review called for is withdrawn; the alert already sent stays sent, once.
    const deliveries = await stack.db.query(
      `SELECT d.mode, d.sent_at IS NOT NULL AS sent FROM delivery d JOIN contact ct ON ct.id = d.contact_id WHERE d.complaint_id = $1 AND ct.email = $2`,
      [reviewed, GUARD_EMAIL],
    );
    expect(deliveries.rows).toEqual([{ mode: 'immediate', sent: true }]);
    expect(smtp.messages.filter((m) => m.envelopeTo.includes(GUARD_EMAIL))).toHaveLength(1);
    expect((await api.request('DELETE', `/v1/complaints/${reviewed}/review`, { token: body.apiKey })).status).toBe(404);
  }, 60_000);

  it('lists the least certain complaints first, per body, and drops reviewed ones', async () => {
    const ids = queued;
    ids.push(...(await submitComplaints(api, body.apiKey, [TEXTS.boilerRepair, TEXTS.dischargeMedication, TEXTS.benefitsDecision].map((summary) => complaintRecord({ summary })))));
    const [foreign] = await submitComplaints(api, other.apiKey, [complaintRecord({ summary: TEXTS.careHomeSafeguarding })]);
    await stack.waitForProcessingAndRollup();
    const scored = await stack.db.query(`SELECT count(*)::int AS n FROM complaint WHERE label_uncertainty BETWEEN 0 AND 1`);
    expect(scored.rows[0].n).toBe(5);
    // Known uncertainties, so the order is known.
    const known: Array<[string, number]> = [[reviewed, 0.3], [ids[0], 0.25], [ids[1], 0.9], [ids[2], 0.6], [foreign, 0.95]];
    for (const [id, u] of known) await stack.db.query(`UPDATE complaint SET label_uncertainty = $2 WHERE id = $1`, [id, u]);

    const mine = await api.get<QueueAnswer>('/v1/reviews/queue?limit=10', { token: body.apiKey });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i) => i.id)).toEqual([ids[1], ids[2], reviewed, ids[0]]);
    expect(mine.body.items.map((i) => i.uncertainty)).toEqual([0.9, 0.6, 0.3, 0.25]);
    const theirs = await api.get<QueueAnswer>('/v1/reviews/queue', { token: other.apiKey });
    expect(theirs.body.items.map((i) => i.id)).toEqual([foreign]);
    const all = await api.get<QueueAnswer>('/v1/reviews/queue?limit=2', { token: ombudsman.apiKey });
    expect(all.body.items.map((i) => i.id)).toEqual([foreign, ids[1]]);

    // The Ombudsman reviews one of Northshire's: it leaves the queue.
    expect((await put(ids[1], ombudsman.apiKey, { themes: ['medication'], severity: 'high' })).status).toBe(200);
    const next = await api.get<QueueAnswer>('/v1/reviews/queue?limit=10', { token: body.apiKey });
    expect(next.body.items.map((i) => i.id)).toEqual([ids[2], reviewed, ids[0]]);
    const bad = await api.get('/v1/reviews/queue?limit=0', { token: body.apiKey });
    expect(bad.status).toBe(400);
    expect((bad.body as { details: Array<{ field: string }> }).details.map((d) => d.field)).toEqual(['limit']);
    expect((await api.request('DELETE', `/v1/complaints/${ids[1]}/review`, { token: ombudsman.apiKey })).status).toBe(204);
    await settled();
  }, 120_000);

  it('counts, per theme, what reviewers confirmed, added and removed: summary, /metrics and the weekly Ombudsman digest', async () => {
    const [maternityScan] = await submitComplaints(api, body.apiKey, [complaintRecord({ summary: TEXTS.maternityScan })]);
    await stack.waitForProcessingAndRollup();
    const ids = [maternityScan, queued[0], queued[2]];
    // Known model labels, so the expected counts are known.
    const model = (themes: string[]) => JSON.stringify(themes.map((id) => ({ id, confidence: 0.8, evidence: ['stated'] })));
    const modelLabels: string[][] = [['communication', 'delay'], ['delay'], ['communication']];
    for (const [i, themes] of modelLabels.entries()) {
      await stack.db.query(`UPDATE complaint SET classification = jsonb_set(jsonb_set(classification, '{themes}', $2::jsonb), '{severity}', '"medium"'), themes = $3 WHERE id = $1`, [
        ids[i],
        model(themes),
        themes,
      ]);
    }
    expect((await put(ids[0], body.apiKey, { themes: ['delay', 'safeguarding'], severity: 'medium' })).status).toBe(200);
    expect((await put(ids[1], body.apiKey, { themes: ['delay'], severity: 'medium' })).status).toBe(200);
    expect((await put(ids[2], ombudsman.apiKey, { themes: [], severity: 'low' })).status).toBe(200);
    await settled();

    const summary = await api.get<{ classifierAgreement: Array<{ theme: string; confirmed: number; added: number; removed: number; precision: number | null; recall: number | null }> }>(
      '/v1/learning/summary',
      { token: ombudsman.apiKey },
    );
    expect(summary.status).toBe(200);
    const reviewedRows = summary.body.classifierAgreement.filter((r) => r.confirmed + r.added + r.removed > 0);
    expect(reviewedRows).toEqual([
      { theme: 'communication', confirmed: 0, added: 0, removed: 2, precision: 0, recall: null },
      { theme: 'delay', confirmed: 2, added: 0, removed: 0, precision: 1, recall: 1 },
      { theme: 'safeguarding', confirmed: 0, added: 1, removed: 0, precision: null, recall: 0 },
    ]);
    expect(summary.body.classifierAgreement).toHaveLength(20);

    const metrics = await api.get<string>('/metrics');
    expect(metrics.body).toContain('classifier_review_themes{theme="delay",verdict="confirmed"} 2');
    expect(metrics.body).toContain('classifier_review_themes{theme="communication",verdict="removed"} 2');
    expect(metrics.body).toContain('classifier_review_themes{theme="safeguarding",verdict="added"} 1');
    expect(metrics.body).toContain('classifier_review_themes{theme="housing",verdict="added"} 0');

    await createContact(api, stack.config.adminToken, ombudsman.id, { name: 'Olu Adeyemi', email: 'olu@ombudsman.example', digest: 'weekly' });
    const run = await api.post('/v1/digests/run', { token: stack.config.adminToken, body: { frequency: 'weekly', asOf: new Date(Date.now() + 7 * 86_400_000).toISOString() } });
    expect(run.status).toBe(202);
    await smtp.waitFor(() => smtp.messages.some((m) => m.envelopeTo.includes('olu@ombudsman.example') && m.messageId.startsWith('<digest.')), 'the Ombudsman digest');
    const digest = smtp.messages.find((m) => m.envelopeTo.includes('olu@ombudsman.example') && m.messageId.startsWith('<digest.'));
    expect(digest?.text).toContain('HOW FAR TO TRUST EACH THEME');
    expect(digest?.text).toContain('- Communication: 2 / 0 / 0 / 2 / 0%');
    expect(digest?.text).toContain('- Delay: 2 / 2 / 0 / 0 / 100%');
    expect(digest?.text).toContain('- Safeguarding: 1 / 0 / 1 / 0 / n/a');
    expect(digest?.html).toContain('How far to trust each theme');
  }, 120_000);

  async function view(id: string, token: string): Promise<View> {
    const answer = await api.get<View>(`/v1/complaints/${id}`, { token });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  function put(id: string, token: string, payload: unknown) {
    return api.request('PUT', `/v1/complaints/${id}/review`, { token, body: payload });
  }

  /** Body's own count of a theme on the complaints' day of receipt, from the learning rollup. */
  async function themeCount(theme: string): Promise<number> {
    const answer = await api.get<{ rows: Array<{ theme: string; count: number }> }>('/v1/learning/themes?from=2026-10-01&to=2026-10-02', { token: body.apiKey });
    expect(answer.status).toBe(200);
    return answer.body.rows.find((r) => r.theme === theme)?.count ?? 0;
  }

  /**
   * The positive signal that nothing more is coming: no review job or email job waiting or
   * running, no recount pending, and every immediate delivery sent or given an outcome.
   */
  async function settled(): Promise<void> {
    await stack.waitFor(async () => {
      const [reviews, mail] = await Promise.all([reviewsQueue.getJobCounts('waiting', 'active', 'delayed'), mailQueue.getJobCounts('waiting', 'active', 'delayed')]);
      if (Object.values(reviews).some((n) => n > 0) || Object.values(mail).some((n) => n > 0)) return false;
      const { rows } = await stack.db.query<{ pending: number; unsent: number }>(
        `SELECT (SELECT count(*)::int FROM learning_recount) AS pending,
                (SELECT count(*)::int FROM delivery WHERE mode = 'immediate' AND sent_at IS NULL AND failure_reason IS NULL) AS unsent`,
      );
      return rows[0].pending === 0 && rows[0].unsent === 0;
    }, 'review jobs, recounts and emails to settle');
  }
});
