import { bool, cleanEnv, port, str, url, makeValidator, EnvError } from 'envalid';
import { DEFAULT_DEDUP_OPTIONS } from '@app/domain/dedup';
import { TrustProxy, trustProxy } from './trust-proxy';
import { deploymentSettings, NODE_ENVIRONMENTS, type NodeEnvironment } from './deployment-settings';
import { previousUnsubscribeKeys, unsubscribeKeyId, type UnsubscribeKeyRing } from './unsubscribe-keys';

export interface AppConfig {
  /** NODE_ENV; unset counts as production (no development defaults). */
  env: NodeEnvironment;
  /** True only under NODE_ENV development or test: the only case where secrets have defaults. */
  developmentDefaults: boolean;
  port: number;
  /** Interface ingest listens on: 127.0.0.1 in development unless HOST is set, else 0.0.0.0. */
  host: string;
  /** True when DATABASE_URL was not given, so a local fallback may be chosen. */
  databaseUrlDefaulted: boolean;
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  /** Redis key prefix for every queue: lets tests and a running instance share one server. */
  queuePrefix: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  adminToken: string;
  complainantHashSecret: string;
  /** Signs unsubscribe links (UNSUBSCRIBE_SECRET, UNSUBSCRIBE_KEY_ID) and still verifies retired keys' links. */
  unsubscribeKeys: UnsubscribeKeyRing;
  workerConcurrency: number;
  redriveAfterSeconds: number;
  redriveIntervalSeconds: number;
  /** How often each worker re-asserts the Redis job schedulers (they vanish if Redis loses its data). */
  schedulerRefreshSeconds: number;
  /** How often each worker checks which classifier model is active (≤ 30 s: replicas may disagree that long). */
  classifierPollSeconds: number;
  bodyLimitBytes: number;
  /** Proxies whose `X-Forwarded-For` ingest believes: none, `n` hops, or addresses/CIDR ranges (TRUST_PROXY). */
  trustProxy: TrustProxy;
  rateLimitPerMinute: number;
  /** Failed authentications per client IP per minute, across replicas, before 429. */
  authFailuresPerMinute: number;
  enqueueTimeoutMs: number;
  /** Verified word-shingle Jaccard at or above which a same-body complaint is a near duplicate on that signal alone. */
  dedupNearThreshold: number;
  migrateOnStart: boolean;
  logLevel: string;
  /** Write logs to this file instead of standard output (used by tests to inspect them). */
  logFile: string | undefined;
  /** Daily digest run, local time in digestTimeZone. */
  digestDailyAt: DigestTime;
  /** Weekly digest run; weekday is ISO (1 = Monday … 7 = Sunday). */
  digestWeeklyAt: DigestTime & { weekday: number };
  digestTimeZone: string;
  /** How often the worker looks for unsent alerts and digests to queue. */
  mailDispatchIntervalMs: number;
  /** First retry delay of a mail job; doubles on each attempt. */
  mailRetryDelayMs: number;
  /**
   * What to do with an email found in doubt (its sender stopped after it may have reached the
   * relay, with no outcome recorded): `hold` records it as held for an operator (at most once),
   * `resend` sends it again with the same Message-ID (at least once). See docs/mail.md.
   */
  mailInDoubt: MailInDoubtPolicy;
  /** How often the worker refreshes the learning rollup and checks for rising themes. */
  learningRefreshIntervalMs: number;
  risingThemeFactor: number;
  risingThemeMinCount: number;
  /** Days after processing that a complaint's raw text is kept; then only the redacted copy stays (0: at once). */
  rawTextRetentionDays: number;
  /** SHARE_SUMMARIES_ACROSS_BODIES: free-text learning summaries reach other bodies' contacts (default false; docs/data-protection.md). */
  shareSummariesAcrossBodies: boolean;
  /** How often the worker looks for raw text past its retention. */
  rawTextRetentionSweepSeconds: number;
  /** CHROMIUM_PATH: the headless Chromium that prints reports to PDF; only checked when a PDF is asked for (HTML needs none). */
  chromiumPath: string;
  /** PDF_RENDER_TIMEOUT_MS: longest one report may take to print before the request answers 503. */
  pdfRenderTimeoutMs: number;
  /** The people-facing web app (apps/web); see docs/web.md. */
  web: WebConfig;
}

export const DEV_WEB_SESSION_SECRET = 'dev-web-session-secret-not-for-deployment';

export interface WebConfig {
  /** WEB_PORT, default 3001. */
  port: number;
  /** WEB_HOST: 127.0.0.1 in development unless set (like ingest's HOST), else 0.0.0.0. */
  host: string;
  /** WEB_PUBLIC_URL: the base of every link in an email (default http://localhost:$WEB_PORT), no trailing slash. */
  publicUrl: string;
  /** WEB_SESSION_SECRET: keys session ids in Redis and CSRF tokens; required (32+ characters) outside development/test. */
  sessionSecret: string;
  /** WEB_SESSION_IDLE_MINUTES: a session unused this long ends (default 30). */
  sessionIdleMinutes: number;
  /** WEB_SESSION_MAX_HOURS: a session ends this long after sign-in however busy (default 12). */
  sessionMaxHours: number;
  /** WEB_SIGN_IN_LINK_SECONDS: how long an emailed sign-in link works (default 900 = 15 minutes). */
  signInLinkSeconds: number;
  /** Cookies get Secure and the __Host- prefix, and HSTS is sent: everywhere but development/test. */
  secureCookies: boolean;
  /**
   * What is wrong with the WEB_* settings, as `NAME: why`. Only the web app refuses to start on
   * them (requireWebConfig): ingest and worker deployments need no WEB_SESSION_SECRET.
   */
  problems: string[];
}

/** Throws a ConfigError naming every bad WEB_* variable; the web app calls it before it starts. */
export function requireWebConfig(config: AppConfig): void {
  if (config.web.problems.length > 0) throw new ConfigError(config.web.problems);
}

export type MailInDoubtPolicy = 'hold' | 'resend';
export const MAIL_IN_DOUBT_POLICIES: readonly MailInDoubtPolicy[] = ['hold', 'resend'];

export interface DigestTime {
  hour: number;
  minute: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/complaint_learning';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "07:00" */
const clockTime = makeValidator<DigestTime>((input) => {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(input.trim());
  if (!match) throw new EnvError('must be a time like 07:00');
  return { hour: Number(match[1]), minute: Number(match[2]) };
});

/** "Mon 07:00" */
const weeklyTime = makeValidator<DigestTime & { weekday: number }>((input) => {
  const match = /^([A-Za-z]{3})[a-z]*\s+([01]?\d|2[0-3]):([0-5]\d)$/.exec(input.trim());
  const weekday = match ? WEEKDAYS.indexOf(match[1].toLowerCase()) + 1 : 0;
  if (!match || weekday === 0) throw new EnvError('must be a weekday and time like "Mon 07:00"');
  return { weekday, hour: Number(match[2]), minute: Number(match[3]) };
});

const timeZone = makeValidator<string>((input) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: input });
  } catch {
    throw new EnvError('must be an IANA time zone such as Europe/London');
  }
  return input;
});

const positiveNumber = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isFinite(value) || value <= 0) throw new EnvError('must be a positive number');
  return value;
});

const positiveInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value <= 0) throw new EnvError('must be a positive integer');
  return value;
});

const classifierPoll = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isFinite(value) || value <= 0 || value > 30) throw new EnvError('must be a number of seconds in (0, 30]');
  return value;
});

const nonNegativeInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value < 0) throw new EnvError('must be a whole number, 0 or more');
  return value;
});

const fraction = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isFinite(value) || value <= 0 || value > 1) throw new EnvError('must be a number in (0, 1]');
  return value;
});

/** A file path from the root; whether the file exists is checked when it is used, so a missing one never stops start-up. */
const absolutePath = makeValidator<string>((input) => {
  if (!input.startsWith('/')) throw new EnvError('must be an absolute path such as /usr/bin/chromium');
  return input;
});

/**
 * Reads and validates the whole configuration once. envalid reports every bad variable
 * by name; we turn that into one thrown error so the process stops with a clear message.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const env = cleanEnv(
    source,
    {
      // No default: which defaults apply is decided by deploymentSettings (unset = none).
      NODE_ENV: str<NodeEnvironment>({ choices: NODE_ENVIRONMENTS, default: undefined }),
      PORT: port({ default: 3000 }),
      HOST: str({ default: undefined }),
      DATABASE_URL: url({ default: undefined }),
      DATABASE_POOL_SIZE: positiveInt({ default: 20 }),
      REDIS_URL: url({ default: 'redis://127.0.0.1:6379' }),
      QUEUE_PREFIX: str({ default: 'clp' }),
      SMTP_URL: url({ default: undefined }),
      MAIL_FROM: str({ default: 'Complaint Learning <learning@localhost>' }),
      PUBLIC_URL: url({ default: undefined }),
      ADMIN_TOKEN: str({ default: undefined }),
      COMPLAINANT_HASH_SECRET: str({ default: undefined }),
      UNSUBSCRIBE_SECRET: str({ default: undefined }),
      UNSUBSCRIBE_KEY_ID: unsubscribeKeyId({ default: undefined }),
      UNSUBSCRIBE_PREVIOUS_SECRETS: previousUnsubscribeKeys({ default: [] }),
      WORKER_CONCURRENCY: positiveInt({ default: 256 }),
      REDRIVE_AFTER_SECONDS: positiveInt({ default: 60 }),
      REDRIVE_INTERVAL_SECONDS: positiveInt({ default: 15 }),
      SCHEDULER_REFRESH_SECONDS: positiveInt({ default: 30 }),
      CLASSIFIER_POLL_SECONDS: classifierPoll({ default: 15 }),
      BODY_LIMIT_BYTES: positiveInt({ default: 16 * 1024 * 1024 }),
      TRUST_PROXY: trustProxy({ default: false }),
      RATE_LIMIT_PER_MINUTE: positiveInt({ default: 1200 }),
      AUTH_FAILURES_PER_MINUTE: positiveInt({ default: 20 }),
      ENQUEUE_TIMEOUT_MS: positiveInt({ default: 2000 }),
      // One source for the default: the domain's rule (see docs/dedup-routing.md).
      DEDUP_NEAR_THRESHOLD: fraction({ default: DEFAULT_DEDUP_OPTIONS.nearThreshold }),
      MIGRATE_ON_START: bool({ default: true }),
      LOG_FILE: str({ default: undefined }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      DIGEST_DAILY_AT: clockTime({ default: { hour: 7, minute: 0 } }),
      DIGEST_WEEKLY_AT: weeklyTime({ default: { weekday: 1, hour: 7, minute: 0 } }),
      DIGEST_TIME_ZONE: timeZone({ default: 'Europe/London' }),
      MAIL_DISPATCH_INTERVAL_MS: positiveInt({ default: 2000 }),
      MAIL_RETRY_DELAY_MS: positiveInt({ default: 2000 }),
      MAIL_IN_DOUBT: str<MailInDoubtPolicy>({ choices: MAIL_IN_DOUBT_POLICIES, default: 'hold' }),
      LEARNING_REFRESH_INTERVAL_MS: positiveInt({ default: 5000 }),
      RISING_THEME_FACTOR: positiveNumber({ default: 2 }),
      RISING_THEME_MIN_COUNT: positiveInt({ default: 5 }),
      RAW_TEXT_RETENTION_DAYS: nonNegativeInt({ default: 90 }),
      SHARE_SUMMARIES_ACROSS_BODIES: bool({ default: false }),
      RAW_TEXT_RETENTION_SWEEP_SECONDS: positiveInt({ default: 3600 }),
      CHROMIUM_PATH: absolutePath({ default: '/usr/bin/chromium' }),
      PDF_RENDER_TIMEOUT_MS: positiveInt({ default: 30_000 }),
      WEB_PORT: port({ default: 3001 }),
      WEB_HOST: str({ default: undefined }),
      WEB_PUBLIC_URL: url({ default: undefined }),
      WEB_SESSION_SECRET: str({ default: undefined }),
      WEB_SESSION_IDLE_MINUTES: positiveInt({ default: 30 }),
      WEB_SESSION_MAX_HOURS: positiveInt({ default: 12 }),
      WEB_SIGN_IN_LINK_SECONDS: positiveInt({ default: 15 * 60 }),
    },
    {
      reporter: ({ errors }) => {
        for (const [name, error] of Object.entries(errors)) problems.push(`${name}: ${describeEnvError(error)}`);
      },
    },
  );
  if (problems.length > 0) throw new ConfigError(problems);
  const deployment = deploymentSettings(env, problems);
  const web = webSettings(env, deployment.developmentDefaults);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: deployment.env,
    developmentDefaults: deployment.developmentDefaults,
    port: env.PORT,
    host: deployment.host,
    databaseUrlDefaulted: env.DATABASE_URL === undefined,
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    smtpUrl: deployment.smtpUrl,
    mailFrom: env.MAIL_FROM,
    publicUrl: deployment.publicUrl,
    adminToken: deployment.adminToken,
    complainantHashSecret: deployment.complainantHashSecret,
    unsubscribeKeys: deployment.unsubscribeKeys,
    workerConcurrency: env.WORKER_CONCURRENCY,
    redriveAfterSeconds: env.REDRIVE_AFTER_SECONDS,
    redriveIntervalSeconds: env.REDRIVE_INTERVAL_SECONDS,
    schedulerRefreshSeconds: env.SCHEDULER_REFRESH_SECONDS,
    classifierPollSeconds: env.CLASSIFIER_POLL_SECONDS,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
    enqueueTimeoutMs: env.ENQUEUE_TIMEOUT_MS,
    dedupNearThreshold: env.DEDUP_NEAR_THRESHOLD,
    migrateOnStart: env.MIGRATE_ON_START,
    logLevel: env.LOG_LEVEL,
    logFile: env.LOG_FILE,
    digestDailyAt: env.DIGEST_DAILY_AT,
    digestWeeklyAt: env.DIGEST_WEEKLY_AT,
    digestTimeZone: env.DIGEST_TIME_ZONE,
    mailDispatchIntervalMs: env.MAIL_DISPATCH_INTERVAL_MS,
    mailRetryDelayMs: env.MAIL_RETRY_DELAY_MS,
    mailInDoubt: env.MAIL_IN_DOUBT,
    learningRefreshIntervalMs: env.LEARNING_REFRESH_INTERVAL_MS,
    risingThemeFactor: env.RISING_THEME_FACTOR,
    risingThemeMinCount: env.RISING_THEME_MIN_COUNT,
    rawTextRetentionDays: env.RAW_TEXT_RETENTION_DAYS,
    shareSummariesAcrossBodies: env.SHARE_SUMMARIES_ACROSS_BODIES,
    rawTextRetentionSweepSeconds: env.RAW_TEXT_RETENTION_SWEEP_SECONDS,
    chromiumPath: env.CHROMIUM_PATH,
    pdfRenderTimeoutMs: env.PDF_RENDER_TIMEOUT_MS,
    web,
  };
}

interface WebInput {
  WEB_PORT: number;
  WEB_HOST: string | undefined;
  WEB_PUBLIC_URL: string | undefined;
  WEB_SESSION_SECRET: string | undefined;
  WEB_SESSION_IDLE_MINUTES: number;
  WEB_SESSION_MAX_HOURS: number;
  WEB_SIGN_IN_LINK_SECONDS: number;
}

function webSettings(env: WebInput, developmentDefaults: boolean): WebConfig {
  const problems: string[] = [];
  let sessionSecret = env.WEB_SESSION_SECRET ?? '';
  if (developmentDefaults) sessionSecret ||= DEV_WEB_SESSION_SECRET;
  else if (!sessionSecret) problems.push('WEB_SESSION_SECRET: required outside NODE_ENV=development or test');
  else if (sessionSecret === DEV_WEB_SESSION_SECRET || sessionSecret.length < 32) problems.push('WEB_SESSION_SECRET: must be a secret of at least 32 characters, not the development value');
  if (!developmentDefaults && env.WEB_PUBLIC_URL && new URL(env.WEB_PUBLIC_URL).protocol !== 'https:') {
    problems.push('WEB_PUBLIC_URL: must be an https URL outside development (session cookies are Secure)');
  }
  if (env.WEB_SESSION_MAX_HOURS * 60 < env.WEB_SESSION_IDLE_MINUTES) problems.push('WEB_SESSION_MAX_HOURS: must be at least WEB_SESSION_IDLE_MINUTES');
  return {
    port: env.WEB_PORT,
    // Loopback in development, as for ingest: a laptop must not serve sign-in to its network.
    host: env.WEB_HOST || (developmentDefaults ? '127.0.0.1' : '0.0.0.0'),
    publicUrl: (env.WEB_PUBLIC_URL ?? `http://localhost:${env.WEB_PORT}`).replace(/\/+$/, ''),
    sessionSecret,
    sessionIdleMinutes: env.WEB_SESSION_IDLE_MINUTES,
    sessionMaxHours: env.WEB_SESSION_MAX_HOURS,
    signInLinkSeconds: env.WEB_SIGN_IN_LINK_SECONDS,
    secureCookies: !developmentDefaults,
    problems,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Credentials never reach a log line. */
export function describeUrl(raw: string): string {
  const parsed = new URL(raw);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function describeEnvError(error: Error | undefined): string {
  const text = error?.message?.trim();
  return text && text !== 'undefined' ? text : 'invalid value';
}
