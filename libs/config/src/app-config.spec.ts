import { ConfigError, DEFAULT_DATABASE_URL, loadConfig as loadAnyConfig, requireWebConfig } from './app-config';

/** These cases are about development defaults; deployment-settings.spec.ts covers NODE_ENV itself. */
const loadConfig = (source: NodeJS.ProcessEnv) => loadAnyConfig({ NODE_ENV: 'development', ...source });

describe('loadConfig', () => {
  it('gives working local defaults in development when nothing else is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe(DEFAULT_DATABASE_URL);
    expect(config.databaseUrlDefaulted).toBe(true);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.redriveAfterSeconds).toBe(60);
    expect(config.smtpUrl).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', WORKER_CONCURRENCY: '-2', REDIS_URL: 'not a url' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
    expect(names.sort()).toEqual(['PORT', 'REDIS_URL', 'WORKER_CONCURRENCY']);
  });

  it('refuses development secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN: 'short', COMPLAINANT_HASH_SECRET: 'x', UNSUBSCRIBE_SECRET: 'dev-unsubscribe-secret' })).toThrow(
      /ADMIN_TOKEN[\s\S]*COMPLAINANT_HASH_SECRET[\s\S]*UNSUBSCRIBE_SECRET/,
    );
  });

  it('holds emails found in doubt unless told to resend them', () => {
    expect(loadConfig({}).mailInDoubt).toBe('hold');
    expect(loadConfig({ MAIL_IN_DOUBT: 'resend' }).mailInDoubt).toBe('resend');
    expect(loadConfig({ MAIL_IN_DOUBT: 'hold' }).mailInDoubt).toBe('hold');
  });

  it('names MAIL_IN_DOUBT when its value is not hold or resend', () => {
    let error: unknown;
    try {
      loadConfig({ MAIL_IN_DOUBT: 'retry' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(1);
    expect((error as ConfigError).problems[0]).toMatch(/^MAIL_IN_DOUBT: .*(hold|resend)/);
  });

  it('does not share free-text summaries across bodies unless SHARE_SUMMARIES_ACROSS_BODIES is true, and names it when invalid', () => {
    expect(loadConfig({}).shareSummariesAcrossBodies).toBe(false);
    expect(loadConfig({ SHARE_SUMMARIES_ACROSS_BODIES: 'true' }).shareSummariesAcrossBodies).toBe(true);
    expect(() => loadConfig({ SHARE_SUMMARIES_ACROSS_BODIES: 'sometimes' })).toThrow(/SHARE_SUMMARIES_ACROSS_BODIES/);
  });

  it('keeps raw complaint text 90 days by default, allows 0, and names RAW_TEXT_RETENTION_DAYS when it is not a whole number', () => {
    expect(loadConfig({}).rawTextRetentionDays).toBe(90);
    expect(loadConfig({ RAW_TEXT_RETENTION_DAYS: '0' }).rawTextRetentionDays).toBe(0);
    for (const bad of ['-1', '1.5', 'ninety']) {
      expect(() => loadConfig({ RAW_TEXT_RETENTION_DAYS: bad })).toThrow(/RAW_TEXT_RETENTION_DAYS/);
    }
  });

  it('gives the web app local defaults in development: port 3001 on loopback, links to localhost, insecure cookies allowed', () => {
    const config = loadConfig({});
    expect(config.web.port).toBe(3001);
    expect(config.web.host).toBe('127.0.0.1');
    expect(config.web.publicUrl).toBe('http://localhost:3001');
    expect(config.web.sessionIdleMinutes).toBe(30);
    expect(config.web.signInLinkSeconds).toBe(900);
    expect(config.web.secureCookies).toBe(false);
    expect(() => requireWebConfig(config)).not.toThrow();
    expect(loadConfig({ WEB_PORT: '4000' }).web.publicUrl).toBe('http://localhost:4000');
  });

  it('refuses to start the web app in production without a real WEB_SESSION_SECRET and an https WEB_PUBLIC_URL, naming both', () => {
    const deployed = {
      NODE_ENV: 'production',
      ADMIN_TOKEN: 'a'.repeat(24),
      COMPLAINANT_HASH_SECRET: 'c'.repeat(32),
      UNSUBSCRIBE_SECRET: 'u'.repeat(32),
      UNSUBSCRIBE_KEY_ID: 'k2',
      SMTP_URL: 'smtp://relay.example.gov.uk:587',
      PUBLIC_URL: 'https://learning.example.gov.uk',
    };
    const withoutWeb = loadConfig(deployed);
    expect(withoutWeb.web.host).toBe('0.0.0.0');
    expect(withoutWeb.web.secureCookies).toBe(true);
    expect(() => requireWebConfig(withoutWeb)).toThrow(/WEB_SESSION_SECRET: required/);
    const bad = loadConfig({ ...deployed, WEB_SESSION_SECRET: 'short', WEB_PUBLIC_URL: 'http://learning.example.gov.uk' });
    expect(bad.web.problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['WEB_PUBLIC_URL', 'WEB_SESSION_SECRET']);
    expect(() => requireWebConfig(loadConfig({ ...deployed, WEB_SESSION_SECRET: 's'.repeat(32), WEB_PUBLIC_URL: 'https://learning.example.gov.uk/' }))).not.toThrow();
  });

  it('marks an explicit DATABASE_URL as not defaulted', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x' });
    expect(config.databaseUrlDefaulted).toBe(false);
  });
});
