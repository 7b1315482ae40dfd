import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueues, processComplaintJobId, QueueName } from '@app/contracts';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation } from './support/fixtures';
import { OutputCapture } from './support/output-capture';
import { TestStack } from './support/test-stack';

/*
 * "Logs hold no complaint text, ever" (data-protection issue, item 1). The database is made to
 * fail the way it does in production — a batch upsert chosen as a deadlock victim (SQLSTATE
 * 40P01, retried, then given up), an error whose message and detail quote the row, a worker
 * write refused — and every stream that could print is searched for the submitted text: the
 * pino log file of ingest and worker, this process's stdout/stderr and console, the HTTP
 * answers, BullMQ's failed reason and stack in Redis, and the failure reason stored.
 */
const SECRET = `Quillfeather${randomBytes(6).toString('hex')}`;
const DEADLOCK = 'mark-deadlock';
const QUOTING = 'mark-quoting';
const WORKER = 'mark-worker';

const summary = (mark: string) => `Mrs ${SECRET} was left on the ward without her medication for three days (${mark}).`;

// Raised from a trigger so the failure is certain; the messages quote the row as PostgreSQL's own do.
const FAULT_TRIGGER = `
  CREATE FUNCTION clp_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.summary LIKE '%${DEADLOCK}%' THEN
      RAISE EXCEPTION 'deadlock detected while writing %', NEW.summary USING ERRCODE = '40P01';
    END IF;
    IF NEW.summary LIKE '%${QUOTING}%' THEN
      RAISE EXCEPTION 'invalid input: "%"', NEW.summary USING ERRCODE = '22P02', DETAIL = 'Failing row contains (' || NEW.summary || ').';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.status = 'processing' AND NEW.summary LIKE '%${WORKER}%' THEN
      RAISE EXCEPTION 'new row violates check: %', NEW.summary USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER clp_test_fault BEFORE INSERT OR UPDATE ON complaint FOR EACH ROW EXECUTE FUNCTION clp_test_fault();`;

describe('logs and failure reasons hold no complaint text (real PostgreSQL and Redis)', () => {
  const logDir = mkdtempSync(join(tmpdir(), 'clp-log-safety-'));
  const logFile = join(logDir, 'apps.log');
  const stack = new TestStack({ env: { LOG_LEVEL: 'debug', LOG_FILE: logFile } });
  const capture = new OutputCapture();
  const answers: string[] = [];
  let api: ApiClient;
  let body: CreatedOrganisation;

  beforeAll(async () => {
    capture.start();
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    body = await createOrganisation(api, stack.config.adminToken);
    await stack.db.query(FAULT_TRIGGER);
  });

  afterAll(async () => {
    await stack.stop();
    capture.stop();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('a batch upsert that keeps losing a deadlock answers 500 without the text', async () => {
    const items = [complaintRecord({ summary: summary(DEADLOCK) }), complaintRecord(), complaintRecord({ summary: `${summary('plain')} ${DEADLOCK}` })];
    const response = await api.post('/v1/complaints/batch', { token: body.apiKey, body: { items } });
    answers.push(JSON.stringify(response.body));
    expect(response.status).toBe(500);
  });

  it('a single upsert failing with a message and detail that quote the row answers 500 without the text', async () => {
    const response = await api.post('/v1/complaints', { token: body.apiKey, body: complaintRecord({ summary: summary(QUOTING) }) });
    answers.push(JSON.stringify(response.body));
    expect(response.status).toBe(500);
  });

  it('malformed JSON and a broken CSV row are refused without echoing their text', async () => {
    const json = await api.post('/v1/complaints', { token: body.apiKey, rawBody: `{"summary": "${summary('json')}" "outcome"`, contentType: 'application/json' });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/not valid JSON/) });
    const csv = await api.post('/v1/complaints/csv', {
      token: body.apiKey,
      rawBody: `reference,receivedAt,serviceArea,summary,outcome\nR-1,2026-10-01,Maternity,${summary('csv')} "quoted",upheld\n`,
      contentType: 'text/csv',
    });
    expect(csv.status).toBe(202);
    expect(csv.body).toMatchObject({ accepted: [], rejected: expect.arrayContaining([{ index: 0, details: [expect.objectContaining({ field: 'csv' })] }]) });
    answers.push(JSON.stringify(json.body), JSON.stringify(csv.body));
  });

  it('a record that fails in the worker keeps the text out of BullMQ and its stored reason', async () => {
    const accepted = await api.post<{ id: string }>('/v1/complaints', { token: body.apiKey, body: complaintRecord({ summary: summary(WORKER) }) });
    expect(accepted.status).toBe(202);
    const queue = stack.worker!.get(JobQueues).queue(QueueName.Complaints);
    const jobId = processComplaintJobId({ complaintId: accepted.body.id, version: 1 });
    const failedOnce = await stack.waitFor(async () => {
      const job = await queue.getJob(jobId);
      return job?.failedReason ? job : undefined;
    }, 'the first failed attempt');
    expect(failedOnce.failedReason).toMatch(/database error 23514/);
    expect(`${failedOnce.failedReason} ${(failedOnce.stacktrace ?? []).join('\n')}`).not.toContain(SECRET);

    const reason = await stack.waitFor(async () => {
      const { rows } = await stack.db.query<{ status: string; failure_reason: string }>('SELECT status, failure_reason FROM complaint WHERE id = $1', [accepted.body.id]);
      return rows[0]?.status === 'failed' ? rows[0].failure_reason : undefined;
    }, 'the record to be marked failed', 45_000);
    expect(reason).toMatch(/^database error 23514 \(check_violation\) in update complaint #[0-9a-f]{8}$/);
    const view = await api.get(`/v1/complaints/${accepted.body.id}`, { token: body.apiKey });
    answers.push(JSON.stringify(view.body));
  }, 60_000);

  it('no log stream, answer or reason holds the complaint text; the failures are logged by SQLSTATE and statement', () => {
    const logs = readFileSync(logFile, 'utf8');
    expect(capture.text()).not.toContain(SECRET);
    expect(logs).not.toContain(SECRET);
    for (const answer of answers) expect(answer).not.toContain(SECRET);
    // The failures did happen and are findable: by SQLSTATE and statement name.
    expect(logs).toMatch(/"sqlState":"40P01","query":"insert complaint #[0-9a-f]{8}"/);
    expect(logs).toMatch(/"sqlState":"22P02"/);
    expect(logs).toMatch(/"sqlState":"23514"/);
  });
});
