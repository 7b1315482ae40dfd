import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working local defaults when nothing is set', () => {
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
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN: 'short', COMPLAINANT_HASH_SECRET: 'x' })).toThrow(
      /ADMIN_TOKEN[\s\S]*COMPLAINANT_HASH_SECRET/,
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

  it('marks an explicit DATABASE_URL as not defaulted', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x' });
    expect(config.databaseUrlDefaulted).toBe(false);
  });
});
