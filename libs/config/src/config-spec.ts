import { bool, CleanedEnv, EnvError, makeValidator, port, str, url } from 'envalid';
import { DEFAULT_DEDUP_OPTIONS } from '@app/domain/dedup';
import { NODE_ENVIRONMENTS, type NodeEnvironment } from './deployment-settings';
import { trustProxy } from './trust-proxy';
import { previousUnsubscribeKeys, unsubscribeKeyId } from './unsubscribe-keys';

/**
 * Every environment variable, validated once (envalid names each bad one). The spec is the
 * single place a variable is written: its name, parser, default and meaning. AppConfig's
 * types are derived from it (app-config.ts), so a variable that the app uses as it comes is
 * written here and nowhere else.
 */

export type MailInDoubtPolicy = 'hold' | 'resend';
export const MAIL_IN_DOUBT_POLICIES: readonly MailInDoubtPolicy[] = ['hold', 'resend'];

export interface DigestTime {
  hour: number;
  minute: number;
}

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
 * Variables the app uses as they come: each becomes the AppConfig property of its name in
 * camelCase (REDRIVE_AFTER_SECONDS → redriveAfterSeconds), with the type its parser gives.
 */
export const PLAIN_SPEC = {
  PORT: port({ default: 3000 }),
  DATABASE_POOL_SIZE: positiveInt({ default: 20 }),
  REDIS_URL: url({ default: 'redis://127.0.0.1:6379' }),
  /** Redis key prefix for every queue: lets tests and a running instance share one server. */
  QUEUE_PREFIX: str({ default: 'clp' }),
  MAIL_FROM: str({ default: 'Complaint Learning <learning@localhost>' }),
  WORKER_CONCURRENCY: positiveInt({ default: 256 }),
  REDRIVE_AFTER_SECONDS: positiveInt({ default: 60 }),
  REDRIVE_INTERVAL_SECONDS: positiveInt({ default: 15 }),
  /** How often each worker re-asserts the Redis job schedulers (they vanish if Redis loses its data). */
  SCHEDULER_REFRESH_SECONDS: positiveInt({ default: 30 }),
  /** How often each worker checks which classifier model is active (≤ 30 s: replicas may disagree that long). */
  CLASSIFIER_POLL_SECONDS: classifierPoll({ default: 15 }),
  BODY_LIMIT_BYTES: positiveInt({ default: 16 * 1024 * 1024 }),
  /** Proxies whose `X-Forwarded-For` ingest believes: none, `n` hops, or addresses/CIDR ranges. */
  TRUST_PROXY: trustProxy({ default: false }),
  RATE_LIMIT_PER_MINUTE: positiveInt({ default: 1200 }),
  /** Failed authentications per client IP per minute, across replicas, before 429. */
  AUTH_FAILURES_PER_MINUTE: positiveInt({ default: 20 }),
  ENQUEUE_TIMEOUT_MS: positiveInt({ default: 2000 }),
  /**
   * Verified word-shingle Jaccard at or above which a same-body complaint is a near duplicate
   * on that signal alone. One source for the default: the domain's rule (docs/dedup-routing.md).
   */
  DEDUP_NEAR_THRESHOLD: fraction({ default: DEFAULT_DEDUP_OPTIONS.nearThreshold }),
  MIGRATE_ON_START: bool({ default: true }),
  /** Write logs to this file instead of standard output (used by tests to inspect them). */
  LOG_FILE: str({ default: undefined }),
  LOG_LEVEL: str<string>({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
  /** Daily digest run, local time in DIGEST_TIME_ZONE. */
  DIGEST_DAILY_AT: clockTime({ default: { hour: 7, minute: 0 } }),
  /** Weekly digest run; weekday is ISO (1 = Monday … 7 = Sunday). */
  DIGEST_WEEKLY_AT: weeklyTime({ default: { weekday: 1, hour: 7, minute: 0 } }),
  DIGEST_TIME_ZONE: timeZone({ default: 'Europe/London' }),
  /** How often the worker looks for unsent alerts and digests to queue. */
  MAIL_DISPATCH_INTERVAL_MS: positiveInt({ default: 2000 }),
  /** First retry delay of a mail job; doubles on each attempt. */
  MAIL_RETRY_DELAY_MS: positiveInt({ default: 2000 }),
  /**
   * What to do with an email found in doubt (its sender stopped after it may have reached the
   * relay, with no outcome recorded): `hold` records it as held for an operator (at most once),
   * `resend` sends it again with the same Message-ID (at least once). See docs/mail.md.
   */
  MAIL_IN_DOUBT: str<MailInDoubtPolicy>({ choices: MAIL_IN_DOUBT_POLICIES, default: 'hold' }),
  /** How often the worker refreshes the learning rollup and checks for rising themes. */
  LEARNING_REFRESH_INTERVAL_MS: positiveInt({ default: 5000 }),
  RISING_THEME_FACTOR: positiveNumber({ default: 2 }),
  RISING_THEME_MIN_COUNT: positiveInt({ default: 5 }),
  /** Days after processing that a complaint's raw text is kept; then only the redacted copy stays (0: at once). */
  RAW_TEXT_RETENTION_DAYS: nonNegativeInt({ default: 90 }),
  /** Free-text learning summaries reach other bodies' contacts (default false; docs/data-protection.md). */
  SHARE_SUMMARIES_ACROSS_BODIES: bool({ default: false }),
  /** How often the worker looks for raw text past its retention. */
  RAW_TEXT_RETENTION_SWEEP_SECONDS: positiveInt({ default: 3600 }),
  /** The headless Chromium that prints reports to PDF; only checked when a PDF is asked for (HTML needs none). */
  CHROMIUM_PATH: absolutePath({ default: '/usr/bin/chromium' }),
  /** Longest one report may take to print before the request answers 503. */
  PDF_RENDER_TIMEOUT_MS: positiveInt({ default: 30_000 }),
};

/** The web app's variables used as they come: `config.web`'s property of the name less `WEB_` (WEB_SESSION_MAX_HOURS → sessionMaxHours). */
export const WEB_PLAIN_SPEC = {
  WEB_PORT: port({ default: 3001 }),
  /** A session unused this long ends. */
  WEB_SESSION_IDLE_MINUTES: positiveInt({ default: 30 }),
  /** A session ends this long after sign-in however busy. */
  WEB_SESSION_MAX_HOURS: positiveInt({ default: 12 }),
  /** How long an emailed sign-in link works (15 minutes). */
  WEB_SIGN_IN_LINK_SECONDS: positiveInt({ default: 15 * 60 }),
};

/**
 * Variables whose AppConfig shape differs from the raw value (a development default, a
 * derived flag, a key ring): read by the mappings in app-config.ts and deployment-settings.ts.
 * No default here where one depends on NODE_ENV: which defaults apply is decided there (unset = none).
 */
export const SHAPED_SPEC = {
  NODE_ENV: str<NodeEnvironment>({ choices: NODE_ENVIRONMENTS, default: undefined }),
  HOST: str({ default: undefined }),
  DATABASE_URL: url({ default: undefined }),
  SMTP_URL: url({ default: undefined }),
  PUBLIC_URL: url({ default: undefined }),
  ADMIN_TOKEN: str({ default: undefined }),
  COMPLAINANT_HASH_SECRET: str({ default: undefined }),
  UNSUBSCRIBE_SECRET: str({ default: undefined }),
  UNSUBSCRIBE_KEY_ID: unsubscribeKeyId({ default: undefined }),
  UNSUBSCRIBE_PREVIOUS_SECRETS: previousUnsubscribeKeys({ default: [] }),
  WEB_HOST: str({ default: undefined }),
  WEB_PUBLIC_URL: url({ default: undefined }),
  WEB_SESSION_SECRET: str({ default: undefined }),
};

export const CONFIG_SPEC = { ...PLAIN_SPEC, ...WEB_PLAIN_SPEC, ...SHAPED_SPEC };

/** Every variable as envalid returns it (unset without a default = undefined). */
export type ConfigEnv = CleanedEnv<typeof CONFIG_SPEC>;

/** SCREAMING_SNAKE → camelCase, as a type: `REDRIVE_AFTER_SECONDS` → `redriveAfterSeconds`. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Lowercase<Head>}${Capitalize<CamelCase<Tail>>}` : Lowercase<S>;

/** The settings of a plain spec, each under its variable's name less `Prefix`, in camelCase. */
export type PlainSettings<Spec, Prefix extends string = ''> = {
  -readonly [K in keyof Spec & string as CamelCase<K extends `${Prefix}${infer Rest}` ? Rest : K>]: CleanedEnv<Spec>[K];
};

/** Reads a plain spec's variables from `env` into settings named as PlainSettings says. */
export function plainSettings<Spec extends object, Prefix extends string = ''>(spec: Spec, env: ConfigEnv, prefix = '' as Prefix): PlainSettings<Spec, Prefix> {
  const settings: Record<string, unknown> = {};
  for (const name of Object.keys(spec)) settings[camelCase(name.slice(prefix.length))] = env[name as keyof ConfigEnv];
  return settings as PlainSettings<Spec, Prefix>;
}

function camelCase(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}
