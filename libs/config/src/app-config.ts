import { cleanEnv } from 'envalid';
import type { NodeEnvironment } from './deployment-settings';
import { deploymentSettings } from './deployment-settings';
import { CONFIG_SPEC, ConfigEnv, PLAIN_SPEC, plainSettings, PlainSettings, WEB_PLAIN_SPEC } from './config-spec';
import type { UnsubscribeKeyRing } from './unsubscribe-keys';

export { MAIL_IN_DOUBT_POLICIES, type DigestTime, type MailInDoubtPolicy } from './config-spec';

/**
 * The application's configuration. Every variable used as it comes is a property derived
 * from config-spec.ts (PLAIN_SPEC: name in camelCase, type from its parser); only settings
 * whose shape differs from the raw variable are written out here, with their mapping below.
 */
export interface AppConfig extends PlainSettings<typeof PLAIN_SPEC> {
  /** NODE_ENV; unset counts as production (no development defaults). */
  env: NodeEnvironment;
  /** True only under NODE_ENV development or test: the only case where secrets have defaults. */
  developmentDefaults: boolean;
  /** Interface ingest listens on: 127.0.0.1 in development unless HOST is set, else 0.0.0.0. */
  host: string;
  /** True when DATABASE_URL was not given, so a local fallback may be chosen. */
  databaseUrlDefaulted: boolean;
  databaseUrl: string;
  smtpUrl: string | undefined;
  publicUrl: string;
  adminToken: string;
  complainantHashSecret: string;
  /** Signs unsubscribe links (UNSUBSCRIBE_SECRET, UNSUBSCRIBE_KEY_ID) and still verifies retired keys' links. */
  unsubscribeKeys: UnsubscribeKeyRing;
  /** The people-facing web app (apps/web); see docs/web.md. */
  web: WebConfig;
}

export const DEV_WEB_SESSION_SECRET = 'dev-web-session-secret-not-for-deployment';

/** `port`, `sessionIdleMinutes`, `sessionMaxHours`, `signInLinkSeconds`: from WEB_PLAIN_SPEC. */
export interface WebConfig extends PlainSettings<typeof WEB_PLAIN_SPEC, 'WEB_'> {
  /** WEB_HOST: 127.0.0.1 in development unless set (like ingest's HOST), else 0.0.0.0. */
  host: string;
  /** WEB_PUBLIC_URL: the base of every link in an email (default http://localhost:$WEB_PORT), no trailing slash. */
  publicUrl: string;
  /** WEB_SESSION_SECRET: keys session ids in Redis and CSRF tokens; required (32+ characters) outside development/test. */
  sessionSecret: string;
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

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/complaint_learning';

/**
 * Reads and validates the whole configuration once. envalid reports every bad variable
 * by name; we turn that into one thrown error so the process stops with a clear message.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const env = cleanEnv(source, CONFIG_SPEC, {
    reporter: ({ errors }) => {
      for (const [name, error] of Object.entries(errors)) problems.push(`${name}: ${describeEnvError(error)}`);
    },
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const deployment = deploymentSettings(env, problems);
  const web = webSettings(env, deployment.developmentDefaults);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    ...plainSettings(PLAIN_SPEC, env),
    env: deployment.env,
    developmentDefaults: deployment.developmentDefaults,
    host: deployment.host,
    databaseUrlDefaulted: env.DATABASE_URL === undefined,
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    smtpUrl: deployment.smtpUrl,
    publicUrl: deployment.publicUrl,
    adminToken: deployment.adminToken,
    complainantHashSecret: deployment.complainantHashSecret,
    unsubscribeKeys: deployment.unsubscribeKeys,
    web,
  };
}

function webSettings(env: ConfigEnv, developmentDefaults: boolean): WebConfig {
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
    ...plainSettings(WEB_PLAIN_SPEC, env, 'WEB_'),
    // Loopback in development, as for ingest: a laptop must not serve sign-in to its network.
    host: env.WEB_HOST || (developmentDefaults ? '127.0.0.1' : '0.0.0.0'),
    publicUrl: (env.WEB_PUBLIC_URL ?? `http://localhost:${env.WEB_PORT}`).replace(/\/+$/, ''),
    sessionSecret,
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
