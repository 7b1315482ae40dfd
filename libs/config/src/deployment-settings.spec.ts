import { ConfigError, loadConfig } from './app-config';

/** Everything a deployment must give, each valid: the baseline the cases below take one away from. */
const DEPLOYED = {
  ADMIN_TOKEN: 'a'.repeat(24),
  COMPLAINANT_HASH_SECRET: 'c'.repeat(32),
  UNSUBSCRIBE_SECRET: 'u'.repeat(32),
  UNSUBSCRIBE_KEY_ID: 'k2',
  SMTP_URL: 'smtp://relay.example.gov.uk:587',
  PUBLIC_URL: 'https://learning.example.gov.uk',
};

function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

const names = (problems: string[]) => problems.map((problem) => problem.split(':')[0]).sort();

describe('development defaults apply only under NODE_ENV development or test', () => {
  it('refuses the defaults with NODE_ENV unset, naming every missing secret and setting', () => {
    const problems = problemsOf({});
    expect(names(problems)).toEqual(['ADMIN_TOKEN', 'COMPLAINANT_HASH_SECRET', 'PUBLIC_URL', 'SMTP_URL', 'UNSUBSCRIBE_KEY_ID', 'UNSUBSCRIBE_SECRET']);
    expect(problems[0]).toMatch(/NODE_ENV is not set/);
  });

  it.each(['production', 'staging'])('names each missing secret under NODE_ENV=%s', (env) => {
    for (const name of Object.keys(DEPLOYED)) {
      const source: NodeJS.ProcessEnv = { ...DEPLOYED, NODE_ENV: env };
      delete source[name];
      const problems = problemsOf(source);
      expect(names(problems)).toEqual([name]);
      expect(problems[0]).toContain(`NODE_ENV=${env}`);
    }
  });

  it('starts with every secret given, binding all interfaces; NODE_ENV unset counts as production', () => {
    const config = loadConfig(DEPLOYED);
    expect(config.env).toBe('production');
    expect(config.developmentDefaults).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.unsubscribeKeys).toEqual({ current: { id: 'k2', secret: 'u'.repeat(32) }, previous: [] });
  });

  it('refuses development values, short secrets, a shared unsubscribe key and a non-https PUBLIC_URL', () => {
    expect(names(problemsOf({ ...DEPLOYED, NODE_ENV: 'production', ADMIN_TOKEN: 'dev-admin-token' }))).toEqual(['ADMIN_TOKEN']);
    expect(names(problemsOf({ ...DEPLOYED, NODE_ENV: 'production', UNSUBSCRIBE_SECRET: 'short' }))).toEqual(['UNSUBSCRIBE_SECRET']);
    expect(names(problemsOf({ ...DEPLOYED, NODE_ENV: 'production', UNSUBSCRIBE_SECRET: DEPLOYED.COMPLAINANT_HASH_SECRET }))).toEqual(['UNSUBSCRIBE_SECRET']);
    expect(names(problemsOf({ ...DEPLOYED, NODE_ENV: 'production', PUBLIC_URL: 'http://learning.example.gov.uk' }))).toEqual(['PUBLIC_URL']);
  });

  it.each(['development', 'test'])('under NODE_ENV=%s gives the local defaults and binds 127.0.0.1', (env) => {
    const config = loadConfig({ NODE_ENV: env });
    expect(config.developmentDefaults).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.adminToken).toBe('dev-admin-token');
    expect(config.smtpUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.unsubscribeKeys.current.id).toBe('dev');
    expect(config.unsubscribeKeys.current.secret).not.toBe(config.complainantHashSecret);
  });

  it('binds where HOST says, in development too', () => {
    expect(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...DEPLOYED, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});

describe('unsubscribe key rotation settings', () => {
  it('reads previous keys as keyId:secret pairs (secrets may hold colons)', () => {
    const config = loadConfig({ ...DEPLOYED, UNSUBSCRIBE_PREVIOUS_SECRETS: `k1:${'p'.repeat(32)}, k0:${'q:'.repeat(16)}` });
    expect(config.unsubscribeKeys.previous).toEqual([
      { id: 'k1', secret: 'p'.repeat(32) },
      { id: 'k0', secret: 'q:'.repeat(16) },
    ]);
  });

  it('names bad key ids, malformed or short previous keys, and a previous key reusing the current id', () => {
    expect(names(problemsOf({ ...DEPLOYED, UNSUBSCRIBE_KEY_ID: 'k 2' }))).toEqual(['UNSUBSCRIBE_KEY_ID']);
    expect(names(problemsOf({ ...DEPLOYED, UNSUBSCRIBE_PREVIOUS_SECRETS: 'no-colon-here' }))).toEqual(['UNSUBSCRIBE_PREVIOUS_SECRETS']);
    expect(names(problemsOf({ ...DEPLOYED, UNSUBSCRIBE_PREVIOUS_SECRETS: 'k1:short' }))).toEqual(['UNSUBSCRIBE_PREVIOUS_SECRETS']);
    expect(names(problemsOf({ ...DEPLOYED, UNSUBSCRIBE_PREVIOUS_SECRETS: `k2:${'p'.repeat(32)}` }))).toEqual(['UNSUBSCRIBE_PREVIOUS_SECRETS']);
  });

  it('names a malformed previous key without echoing its secret', () => {
    const secret = 'do-not-print-me-do-not-print-me-!';
    const problems = problemsOf({ ...DEPLOYED, UNSUBSCRIBE_PREVIOUS_SECRETS: `bad id:${secret}` });
    expect(names(problems)).toEqual(['UNSUBSCRIBE_PREVIOUS_SECRETS']);
    expect(problems.join('\n')).not.toContain(secret);
  });
});
