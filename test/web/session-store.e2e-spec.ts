import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '@app/config';
import { SessionStore } from '../../apps/web/src/session/session.store';

/** The session store against the real Redis: idle expiry, the absolute cap, and what Redis holds. */
describe('SessionStore', () => {
  const prefix = `clpt-web-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({ NODE_ENV: 'test', QUEUE_PREFIX: prefix, WEB_SESSION_IDLE_MINUTES: '2', WEB_SESSION_MAX_HOURS: '1' });
  const redis = new Redis(config.redisUrl);
  const store = new SessionStore(redis, config);

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('keeps a session for the idle time after each use, never past the absolute cap, under a key that is not the cookie value', async () => {
    const id = store.newId();
    const now = Date.now();
    await store.save(id, { createdAt: now, viewer: { role: 'operator', name: 'Operator' } }, now);
    const [key] = await redis.keys(`${prefix}:web:session:*`);
    expect(key).toBeDefined();
    expect(key).not.toContain(id);
    const idleTtl = await redis.pttl(key);
    expect(idleTtl).toBeGreaterThan(110_000);
    expect(idleTtl).toBeLessThanOrEqual(120_000);
    expect(await store.load(id)).toEqual({ createdAt: now, viewer: { role: 'operator', name: 'Operator' } });

    // 59 minutes after sign-in only one minute of the one-hour cap is left.
    const nearCap = now - 59 * 60_000;
    await store.save(id, { createdAt: nearCap }, now);
    const cappedTtl = await redis.pttl(key);
    expect(cappedTtl).toBeGreaterThan(50_000);
    expect(cappedTtl).toBeLessThanOrEqual(60_000);
  });

  it('refuses and deletes a session older than the absolute cap, and ids that are not ours', async () => {
    const id = store.newId();
    await store.save(id, { createdAt: Date.now() - 30 * 60_000 });
    expect(await store.load(id, Date.now() + 31 * 60_000)).toBeUndefined();
    expect(await store.load(id)).toBeUndefined();
    expect(await store.load('not-a-session-id')).toBeUndefined();
  });
});
