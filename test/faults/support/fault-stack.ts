import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { AppProcess, sleep } from '../../../bench/lib/app-process';
import { buildApps, BuildResult, ROOT } from '../../../bench/lib/build';
import { ComplaintGenerator, GeneratedRecord } from '../../../bench/lib/complaint-generator';
import { dropDatabaseIfExists, recreateDatabase, runMigrations, wipePrefix } from '../../../bench/lib/services';
import { freePort } from './redis-server';
import { SmtpSink } from '../../../bench/lib/smtp-sink';

const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const FAULTS_BUILD = 'faults';

export interface FaultStackOptions {
  /** Scenario name: used in the database name and the log directory. */
  name: string;
  /** Defaults to the shared Redis; this run only ever touches keys under its own prefix. */
  redisUrl?: string;
  env?: Record<string, string>;
}

export interface Organisation {
  id: string;
  apiKey: string;
}

export interface Ingest {
  app: AppProcess;
  baseUrl: string;
}

export type Finished = Record<string, number>;

/** Contact digests and Ombudsman emails by outcome (`verifyExactlyOnce` with `digests: true`). */
export interface DigestTally {
  sent: number;
  held: number;
  empty: number;
  failed: number;
}

/**
 * One fault scenario's private system: its own PostgreSQL database, its own queue prefix,
 * an in-process SMTP server, and the real apps (`node var/build/faults/…/main.js`) as child
 * processes that can be killed, restarted and multiplied.
 *
 * Exactly-once is checked from PostgreSQL itself: a trigger installed in the scenario's
 * database logs every committed transition of a complaint into a final state (processed,
 * duplicate, failed) or any re-stamping of processed_at. A record processed twice shows up
 * as two rows for the same (id, version), whatever the worker logged.
 */
export class FaultStack {
  readonly id = randomBytes(4).toString('hex');
  readonly prefix = `clpf-${this.id}`;
  readonly adminToken = `fault-admin-${randomBytes(12).toString('hex')}`;
  readonly databaseUrl: string;
  readonly smtp = new SmtpSink();
  readonly logDir: string;
  readonly processes: AppProcess[] = [];
  readonly generator: ComplaintGenerator;
  redisUrl: string;
  db!: Pool;
  redis!: Redis;
  build!: BuildResult;
  orgs: Organisation[] = [];
  ombudsman!: Organisation;
  private counter = 0;

  constructor(readonly options: FaultStackOptions) {
    const url = new URL(BASE_DATABASE_URL);
    url.pathname = `/clp_fault_${options.name.replace(/[^a-z0-9]/g, '_')}_${this.id}`;
    this.databaseUrl = url.toString();
    this.redisUrl = options.redisUrl ?? SHARED_REDIS_URL;
    this.logDir = join(ROOT, 'var', 'faults', 'logs', `${options.name}-${this.id}`);
    this.generator = new ComplaintGenerator({ seed: hashSeed(options.name), referencePrefix: `F${this.id}` });
  }

  async setup(): Promise<this> {
    this.build = buildApps(FAULTS_BUILD, { skipCompile: true });
    await recreateDatabase(this.databaseUrl);
    runMigrations(this.build, this.databaseUrl);
    this.db = new Pool({ connectionString: this.databaseUrl, max: 4, application_name: 'fault-harness' });
    this.db.on('error', () => undefined);
    await installCompletionLog(this.db);
    this.redis = new Redis(this.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => 200 });
    this.redis.on('error', () => undefined);
    await this.smtp.start();
    return this;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: this.prefix,
      SMTP_URL: this.smtp.url,
      MAIL_FROM: 'Complaint Learning <learning@faults.example>',
      ADMIN_TOKEN: this.adminToken,
      WORKER_CONCURRENCY: '32',
      REDRIVE_AFTER_SECONDS: '3',
      REDRIVE_INTERVAL_SECONDS: '1',
      // After a Redis data loss, recovery waits for the job schedulers to be asserted again
      // (docs/guarantees.md, window 1): every 5 s here instead of 30, to keep the suite short.
      SCHEDULER_REFRESH_SECONDS: '5',
      MAIL_DISPATCH_INTERVAL_MS: '500',
      MAIL_RETRY_DELAY_MS: '300',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ENQUEUE_TIMEOUT_MS: '1000',
      MIGRATE_ON_START: 'false',
      LOG_LEVEL: 'info',
      ...this.options.env,
      ...extra,
    };
  }

  async startIngest(extra: Record<string, string> = {}): Promise<Ingest> {
    const port = await freePort();
    const tag = `ingest-${++this.counter}`;
    const app = new AppProcess({ name: tag, entry: this.build.ingestMain, env: this.env({ PORT: String(port), ...extra }), logFile: join(this.logDir, `${tag}.log`) });
    this.processes.push(app);
    const baseUrl = `http://127.0.0.1:${port}`;
    await app.waitUntil(async () => (await fetch(`${baseUrl}/health`)).status < 500 || (await fetch(`${baseUrl}/metrics`)).ok, 'ingest to answer HTTP', 60_000);
    return { app, baseUrl };
  }

  async startWorker(extra: Record<string, string> = {}, onLine?: (line: string, name: string) => void): Promise<AppProcess> {
    return this.startWorkerFrom(this.build.workerMain, extra, onLine);
  }

  /** The built worker with an analyser that fails every summary holding `marker` (poison-worker.js). */
  async startPoisonWorker(marker: string): Promise<AppProcess> {
    return this.startWorkerFrom(join(__dirname, 'poison-worker.js'), { FAULT_BUILD_DIR: this.build.outDir, POISON_MARKER: marker });
  }

  private async startWorkerFrom(entry: string, extra: Record<string, string>, onLine?: (line: string, name: string) => void): Promise<AppProcess> {
    const tag = `worker-${++this.counter}`;
    const app = new AppProcess({
      name: tag,
      entry,
      env: this.env(extra),
      logFile: join(this.logDir, `${tag}.log`),
      onLine: onLine ? (line) => onLine(line, tag) : undefined,
    });
    this.processes.push(app);
    await app.waitForLine(/worker consuming from/, 60_000);
    return app;
  }

  /** Organisations (with two contacts each) and one Ombudsman with a contact, through the API. */
  async seed(ingest: Ingest, count: number): Promise<void> {
    const sectors = ['health', 'local-government', 'central-government', 'social-care'];
    for (let i = 0; i < count; i += 1) {
      const org = await this.call<Organisation>(ingest, 'POST', '/v1/organisations', this.adminToken, { name: `Fault Body ${i + 1}`, kind: 'public-body', sector: sectors[i % 4] }, 201);
      this.orgs.push(org);
      for (const digest of ['weekly', 'daily']) {
        await this.call(ingest, 'POST', `/v1/organisations/${org.id}/contacts`, this.adminToken, { name: `Manager ${i + 1} ${digest}`, email: `m${i + 1}.${digest}@body.example`, digest }, 201);
      }
    }
    this.ombudsman = await this.call<Organisation>(ingest, 'POST', '/v1/organisations', this.adminToken, { name: 'Fault Ombudsman', kind: 'ombudsman', sector: 'health' }, 201);
    await this.call(ingest, 'POST', `/v1/organisations/${this.ombudsman.id}/contacts`, this.adminToken, { name: 'Ombudsman Staff', email: 'staff@ombudsman.example', digest: 'weekly' }, 201);
  }

  async call<T = unknown>(ingest: Ingest, method: string, path: string, token: string, body: unknown, expected?: number): Promise<T> {
    const response = await fetch(`${ingest.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (expected !== undefined && response.status !== expected) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** `count` generated records per organisation round-robin, in batches; returns every accepted id. */
  records(count: number): GeneratedRecord[][] {
    return this.generator.records(count, this.orgs.length);
  }

  async submit(ingest: Ingest | Ingest[], byOrg: GeneratedRecord[][], options: { batchSize?: number; inFlight?: number } = {}): Promise<string[]> {
    const targets = Array.isArray(ingest) ? ingest : [ingest];
    const batchSize = options.batchSize ?? 250;
    const bodies: Array<{ org: Organisation; items: GeneratedRecord[] }> = [];
    byOrg.forEach((records, i) => {
      for (let at = 0; at < records.length; at += batchSize) bodies.push({ org: this.orgs[i], items: records.slice(at, at + batchSize) });
    });
    const accepted: string[] = [];
    let next = 0;
    const poster = async (lane: number) => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const target = targets[(lane + next) % targets.length];
        const answer = await this.call<{ accepted: Array<{ id: string }>; rejected: unknown[] }>(target, 'POST', '/v1/complaints/batch', body.org.apiKey, { items: body.items }, 202);
        if (answer.rejected.length > 0) throw new Error(`generated records were rejected: ${JSON.stringify(answer.rejected).slice(0, 500)}`);
        accepted.push(...answer.accepted.map((a) => a.id));
      }
    };
    await Promise.all(Array.from({ length: options.inFlight ?? 4 }, (_, lane) => poster(lane)));
    return [...new Set(accepted)];
  }

  async statusCounts(ids?: string[]): Promise<Finished> {
    const { rows } = ids
      ? await this.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM complaint WHERE id = ANY($1) GROUP BY status', [ids])
      : await this.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM complaint GROUP BY status');
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  async finishedCount(ids?: string[]): Promise<number> {
    const counts = await this.statusCounts(ids);
    return (counts.processed ?? 0) + (counts.duplicate ?? 0) + (counts.failed ?? 0);
  }

  /**
   * Waits until every id is processed, duplicate or failed. Fails early when nothing has
   * finished for `stallMs` (the re-drive runs every second here, so a stall is a finding).
   */
  async waitFinished(ids: string[], timeoutMs: number, what = 'every accepted record to be processed', stallMs = 60_000): Promise<Finished> {
    const deadline = Date.now() + timeoutMs;
    let lastDone = -1;
    let lastChange = Date.now();
    for (;;) {
      const counts = await this.statusCounts(ids);
      const done = (counts.processed ?? 0) + (counts.duplicate ?? 0) + (counts.failed ?? 0);
      if (done >= ids.length) return counts;
      if (done !== lastDone) {
        lastDone = done;
        lastChange = Date.now();
      }
      const stalled = Date.now() - lastChange > stallMs;
      if (Date.now() > deadline || stalled) {
        const workers = this.processes.filter((p) => p.options.name.startsWith('worker'));
        const schedulers = await this.jobSchedulers().catch((error: Error) => `unknown (${error.message})`);
        throw new Error(
          `${stalled ? `no record finished for ${stallMs / 1000} s` : 'timed out'} waiting for ${what}: ${JSON.stringify(counts)} of ${ids.length}; ` +
            `job schedulers in Redis: ${schedulers}\n${workers.map((w) => `${w.options.name} (${w.running ? 'running' : 'exited'}):\n${w.lastLines(8)}`).join('\n')}`,
        );
      }
      await sleep(250);
    }
  }

  /** The BullMQ job schedulers (re-drive, mail dispatch, digests…) present in Redis for this run. */
  async jobSchedulers(): Promise<string> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*:repeat`, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    const names: string[] = [];
    for (const key of keys) names.push(...(await this.redis.zrange(key, 0, -1)));
    return names.length > 0 ? names.join(', ') : 'none';
  }

  async waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  }

  /** Waits until no immediate delivery is left unsent and no mail has arrived for `quietMs`. */
  async waitMailSettled(timeoutMs: number, quietMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastCount = -1;
    let quietSince = Date.now();
    for (;;) {
      const { rows } = await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM delivery d JOIN complaint c ON c.id = d.complaint_id
         WHERE d.mode = 'immediate' AND d.sent_at IS NULL AND d.failure_reason IS NULL AND c.status = 'processed'`,
      );
      if (this.smtp.received.length !== lastCount) {
        lastCount = this.smtp.received.length;
        quietSince = Date.now();
      }
      if (rows[0].n === 0 && Date.now() - quietSince >= quietMs) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for mail to settle: ${rows[0].n} immediate deliveries unsent`);
      await sleep(250);
    }
  }

  /**
   * Alerts a killed sender left in doubt: claimed under a live lease with no outcome recorded.
   * The relay may already have accepted them; with MAIL_IN_DOUBT=hold (the default) the next
   * sender records them as held and never sends them again (docs/guarantees.md, window 3).
   */
  async alertsInDoubt(): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM delivery WHERE mode = 'immediate' AND sent_at IS NULL AND failure_reason IS NULL AND sending_until > now()`,
    );
    return rows.map((row) => `<delivery.${row.id}@faults.example>`);
  }

  /** Immediate alerts held in doubt (MAIL_IN_DOUBT=hold): recorded failed with the `in doubt:` reason, never sent again. */
  async alertsHeld(): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM delivery WHERE mode = 'immediate' AND sent_at IS NULL AND failure_reason LIKE 'in doubt: %' ORDER BY id`,
    );
    return rows.map((row) => `<delivery.${row.id}@faults.example>`);
  }

  /**
   * The promise of the issue: every accepted complaint processed exactly once (one committed
   * completion of its current version, final status processed or duplicate) and no email sent
   * twice: **no Message-ID received twice, at all**. Every immediate alert of a processed
   * complaint is accounted for: recorded as sent and received exactly once, held in doubt
   * (received at most once: it may have reached the relay before its sender died), or not
   * sent for a recorded reason — none silently lost. `failed` maps ids allowed to fail to a
   * reason pattern.
   */
  async verifyExactlyOnce(
    ids: string[],
    options: { failed?: Map<string, RegExp>; digests?: boolean } = {},
  ): Promise<{ processed: number; duplicate: number; failed: number; mails: number; held: number; heldReceived: number; digests?: DigestTally }> {
    const failures: string[] = [];
    const { rows } = await this.db.query<{ id: string; version: number; status: string; failure_reason: string | null; completions: number }>(
      `SELECT c.id, c.version, c.status, c.failure_reason,
              (SELECT count(*)::int FROM fault_completion_log l WHERE l.complaint_id = c.id AND l.version = c.version) AS completions
       FROM complaint c WHERE c.id = ANY($1)`,
      [ids],
    );
    if (rows.length !== new Set(ids).size) failures.push(`${new Set(ids).size - rows.length} accepted complaint(s) are missing from PostgreSQL`);
    const tally = { processed: 0, duplicate: 0, failed: 0 };
    for (const row of rows) {
      const allowed = options.failed?.get(row.id);
      if (allowed) {
        if (row.status !== 'failed') failures.push(`${row.id} should have failed, is ${row.status}`);
        else if (!allowed.test(row.failure_reason ?? '')) failures.push(`${row.id} failed for the wrong reason: ${row.failure_reason}`);
      } else if (row.status !== 'processed' && row.status !== 'duplicate') {
        failures.push(`${row.id} is ${row.status}${row.failure_reason ? ` (${row.failure_reason})` : ''}`);
      }
      if (row.completions !== 1) failures.push(`${row.id} v${row.version} completed ${row.completions} times`);
      if (row.status in tally) tally[row.status as keyof typeof tally] += 1;
    }
    for (const [messageId, count] of this.smtp.duplicates()) failures.push(`email ${messageId} was received ${count} times`);

    const { rows: alerts } = await this.db.query<{ message_id: string; sent: boolean; failure_reason: string | null }>(
      `SELECT '<delivery.' || d.id || '@faults.example>' AS message_id, d.sent_at IS NOT NULL AS sent, d.failure_reason
       FROM delivery d JOIN complaint c ON c.id = d.complaint_id WHERE d.mode = 'immediate' AND c.status = 'processed'`,
    );
    const received = new Map<string, number>();
    for (const mail of this.smtp.received) received.set(mail.messageId, (received.get(mail.messageId) ?? 0) + 1);
    let held = 0;
    let heldReceived = 0;
    const lost: string[] = [];
    const unsettled: string[] = [];
    for (const alert of alerts) {
      const count = received.get(alert.message_id) ?? 0;
      if (alert.sent) {
        if (count === 0) lost.push(alert.message_id);
      } else if (alert.failure_reason?.startsWith('in doubt: ')) {
        held += 1;
        heldReceived += count;
      } else if (alert.failure_reason === null) {
        unsettled.push(alert.message_id);
      } else if (count > 0) {
        failures.push(`alert ${alert.message_id} recorded as not sent (${alert.failure_reason}) reached the SMTP server`);
      }
    }
    if (lost.length > 0) failures.push(`${lost.length} alert(s) recorded as sent never reached the SMTP server, e.g. ${lost[0]}`);
    if (unsettled.length > 0) failures.push(`${unsettled.length} alert(s) neither sent, held nor failed, e.g. ${unsettled[0]}`);
    const digests = options.digests ? await this.verifyDigestsOnce(received, failures) : undefined;
    if (failures.length > 0) {
      throw new Error(`exactly-once violated (${failures.length} problem(s)):\n  ${failures.slice(0, 20).join('\n  ')}${failures.length > 20 ? '\n  …' : ''}`);
    }
    return { ...tally, mails: this.smtp.received.length, held, heldReceived, ...(digests ? { digests } : {}) };
  }

  /**
   * The same promise for contact digests and Ombudsman emails (weekly summaries, rising-theme
   * alerts), for scenarios that run digests: each row recorded as sent reached the SMTP server
   * exactly once under the Message-ID it recorded; none is left pending (neither sent, held
   * nor failed); one held in doubt may have reached it at most once (the global "no Message-ID
   * twice" check covers that). Problems are added to `failures`.
   */
  private async verifyDigestsOnce(received: Map<string, number>, failures: string[]): Promise<DigestTally> {
    const { rows } = await this.db.query<{ kind: string; id: string; status: string; message_id: string | null; failure_reason: string | null }>(
      `SELECT 'digest' AS kind, id, status, message_id, failure_reason FROM digest
       UNION ALL SELECT 'ombudsman ' || kind, id, status, message_id, failure_reason FROM ombudsman_mail`,
    );
    const tally: DigestTally = { sent: 0, held: 0, empty: 0, failed: 0 };
    for (const row of rows) {
      const count = received.get(row.message_id ?? '') ?? 0;
      if (row.status === 'sent') {
        tally.sent += 1;
        if (count !== 1) failures.push(`${row.kind} ${row.id} recorded as sent as ${row.message_id} reached the SMTP server ${count} time(s)`);
      } else if (row.status === 'pending') {
        failures.push(`${row.kind} ${row.id} is still pending: neither sent, held nor failed`);
      } else if (row.status === 'failed' && row.failure_reason?.startsWith('in doubt: ')) {
        tally.held += 1;
      } else if (row.status === 'empty') {
        tally.empty += 1;
      } else {
        tally.failed += 1;
      }
    }
    return tally;
  }

  /** pg_terminate_backend for every connection of the apps to this scenario's database. */
  async terminateAppConnections(): Promise<number> {
    const { rows } = await this.db.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'fault-harness'`,
    );
    return rows.filter((row) => row.terminated).length;
  }

  /** Deletes this run's queue keys only. */
  wipeQueues(): Promise<number> {
    return wipePrefix(this.redis, this.prefix);
  }

  async teardown(): Promise<void> {
    for (const app of this.processes) if (app.running) await app.kill9();
    await this.wipeQueues().catch(() => undefined);
    this.redis?.disconnect();
    await this.smtp.stop();
    await this.db?.end().catch(() => undefined);
    if (!process.env.FAULTS_KEEP_DB) await dropDatabaseIfExists(this.databaseUrl).catch(() => undefined);
  }
}

async function installCompletionLog(db: Pool): Promise<void> {
  await db.query(`
    CREATE TABLE fault_completion_log (
      complaint_id uuid NOT NULL,
      version integer NOT NULL,
      status text NOT NULL,
      old_status text NOT NULL,
      backend_pid integer NOT NULL DEFAULT pg_backend_pid(),
      at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
  await db.query(`
    CREATE FUNCTION fault_log_completion() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status IN ('processed', 'duplicate', 'failed')
         AND (OLD.status NOT IN ('processed', 'duplicate', 'failed')
              OR NEW.version IS DISTINCT FROM OLD.version
              OR NEW.processed_at IS DISTINCT FROM OLD.processed_at) THEN
        INSERT INTO fault_completion_log (complaint_id, version, status, old_status) VALUES (NEW.id, NEW.version, NEW.status, OLD.status);
      END IF;
      RETURN NEW;
    END $$`);
  await db.query(`CREATE TRIGGER fault_completion AFTER UPDATE ON complaint FOR EACH ROW EXECUTE FUNCTION fault_log_completion()`);
}

function hashSeed(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}
