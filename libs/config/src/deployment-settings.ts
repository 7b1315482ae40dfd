import type { UnsubscribeKey, UnsubscribeKeyRing } from './unsubscribe-keys';

/**
 * Development defaults (admin token, HMAC secrets, the local mail catcher, a localhost public
 * URL, binding to loopback) apply only where NODE_ENV says so explicitly. Anywhere else —
 * including NODE_ENV unset, the usual state of a forgotten deployment — every secret must be
 * given, so a server can never run on the values printed in the README.
 */
export const DEVELOPMENT_ENVIRONMENTS = ['development', 'test'] as const;
export const DEPLOYED_ENVIRONMENTS = ['staging', 'production'] as const;
export const NODE_ENVIRONMENTS = [...DEVELOPMENT_ENVIRONMENTS, ...DEPLOYED_ENVIRONMENTS] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

export const DEV_ADMIN_TOKEN = 'dev-admin-token';
export const DEV_HASH_SECRET = 'dev-complainant-hash-secret';
export const DEV_UNSUBSCRIBE_SECRET = 'dev-unsubscribe-secret';
export const DEV_UNSUBSCRIBE_KEY_ID = 'dev';

/** The variables this step decides, as envalid left them (unset = undefined). */
export interface DeploymentInput {
  NODE_ENV: NodeEnvironment | undefined;
  PORT: number;
  HOST: string | undefined;
  ADMIN_TOKEN: string | undefined;
  COMPLAINANT_HASH_SECRET: string | undefined;
  UNSUBSCRIBE_SECRET: string | undefined;
  UNSUBSCRIBE_KEY_ID: string | undefined;
  UNSUBSCRIBE_PREVIOUS_SECRETS: UnsubscribeKey[];
  SMTP_URL: string | undefined;
  PUBLIC_URL: string | undefined;
}

export interface DeploymentSettings {
  /** NODE_ENV unset is treated as production: it gets no development default. */
  env: NodeEnvironment;
  /** True only under NODE_ENV development or test. */
  developmentDefaults: boolean;
  host: string;
  adminToken: string;
  complainantHashSecret: string;
  unsubscribeKeys: UnsubscribeKeyRing;
  smtpUrl: string | undefined;
  publicUrl: string;
}

interface SecretRule {
  name: 'ADMIN_TOKEN' | 'COMPLAINANT_HASH_SECRET' | 'UNSUBSCRIBE_SECRET';
  devValue: string;
  minLength: number;
}

const SECRETS: readonly SecretRule[] = [
  { name: 'ADMIN_TOKEN', devValue: DEV_ADMIN_TOKEN, minLength: 24 },
  { name: 'COMPLAINANT_HASH_SECRET', devValue: DEV_HASH_SECRET, minLength: 32 },
  { name: 'UNSUBSCRIBE_SECRET', devValue: DEV_UNSUBSCRIBE_SECRET, minLength: 32 },
];

/** Decides the environment-dependent settings; each problem is pushed as `NAME: why`. */
export function deploymentSettings(input: DeploymentInput, problems: string[]): DeploymentSettings {
  const developmentDefaults = isDevelopment(input.NODE_ENV);
  const secret = (rule: SecretRule): string => (developmentDefaults ? input[rule.name] || rule.devValue : requiredSecret(input, rule, problems));
  const settings: DeploymentSettings = {
    env: input.NODE_ENV ?? 'production',
    developmentDefaults,
    // Loopback in development: a laptop on café Wi-Fi must not serve the README's admin token.
    host: input.HOST || (developmentDefaults ? '127.0.0.1' : '0.0.0.0'),
    adminToken: secret(SECRETS[0]),
    complainantHashSecret: secret(SECRETS[1]),
    unsubscribeKeys: {
      current: { id: input.UNSUBSCRIBE_KEY_ID || DEV_UNSUBSCRIBE_KEY_ID, secret: secret(SECRETS[2]) },
      previous: input.UNSUBSCRIBE_PREVIOUS_SECRETS,
    },
    smtpUrl: input.SMTP_URL,
    publicUrl: input.PUBLIC_URL ?? `http://localhost:${input.PORT}`,
  };
  if (!developmentDefaults) checkDeployed(input, settings, problems);
  checkKeyRing(settings.unsubscribeKeys, problems);
  return settings;
}

export function isDevelopment(env: NodeEnvironment | undefined): boolean {
  return env !== undefined && (DEVELOPMENT_ENVIRONMENTS as readonly string[]).includes(env);
}

function whyRequired(env: NodeEnvironment | undefined): string {
  return env === undefined
    ? 'required: NODE_ENV is not set, and development defaults apply only with NODE_ENV=development or test'
    : `required with NODE_ENV=${env} (development defaults apply only with NODE_ENV=development or test)`;
}

function requiredSecret(input: DeploymentInput, rule: SecretRule, problems: string[]): string {
  const value = input[rule.name];
  if (value === undefined || value === '') problems.push(`${rule.name}: ${whyRequired(input.NODE_ENV)}`);
  else if (value === rule.devValue || value.length < rule.minLength) problems.push(`${rule.name}: must be a secret of at least ${rule.minLength} characters, not the development value`);
  return value ?? '';
}

function checkDeployed(input: DeploymentInput, settings: DeploymentSettings, problems: string[]): void {
  if (!input.UNSUBSCRIBE_KEY_ID) problems.push(`UNSUBSCRIBE_KEY_ID: ${whyRequired(input.NODE_ENV)}`);
  if (!input.SMTP_URL) problems.push(`SMTP_URL: ${whyRequired(input.NODE_ENV)}`);
  if (!input.PUBLIC_URL) problems.push(`PUBLIC_URL: ${whyRequired(input.NODE_ENV)}`);
  // RFC 8058: mail providers only make the one-click POST to an https List-Unsubscribe URL.
  else if (new URL(input.PUBLIC_URL).protocol !== 'https:') problems.push('PUBLIC_URL: must be an https URL outside development (unsubscribe links and one-click unsubscribe need it)');
  if (input.UNSUBSCRIBE_SECRET && input.UNSUBSCRIBE_SECRET === input.COMPLAINANT_HASH_SECRET) {
    problems.push('UNSUBSCRIBE_SECRET: must differ from COMPLAINANT_HASH_SECRET (each key is rotated on its own)');
  }
  for (const key of settings.unsubscribeKeys.previous) {
    if (key.secret.length < 32) problems.push(`UNSUBSCRIBE_PREVIOUS_SECRETS: the secret of key ${key.id} must be at least 32 characters`);
  }
}

function checkKeyRing(keys: UnsubscribeKeyRing, problems: string[]): void {
  if (keys.previous.some((key) => key.id === keys.current.id)) {
    problems.push(`UNSUBSCRIBE_PREVIOUS_SECRETS: must not name the current key id ${keys.current.id}; give the retired key a different id`);
  }
}
