import { randomInt, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { freePort } from './api-process.ts';
import { BlackholeProxy } from './blackhole-proxy.ts';

/**
 * RATE-xx: rate limits live in Redis when REDIS_URL is set (plugins/rate-limit.ts). A Redis outage
 * must not take the API down: every request is answered normally and quickly, and the request budgets
 * fail open, logged (decision 0006). The login throttling does not: its failed-attempt counters fall
 * back to this process's memory, so wrong passwords are still throttled (per instance) while Redis is
 * down. Two outages: nothing listening (connection refused), and a Redis that was answering and then
 * black-holes (sockets open, bytes vanish) — the second needs a real Redis (REDIS_TEST_URL or
 * TEST_REDIS_URL) and is skipped without one.
 */
const MAX = 3;
const WINDOW_MS = 60_000;
/** "A couple of seconds": the longest any request may take during the outage. */
const BOUND_MS = 2_500;
const env = { LOGIN_RATE_MAX: String(MAX), LOGIN_RATE_WINDOW_MS: String(WINDOW_MS) };
const redisTestUrl = process.env.REDIS_TEST_URL || process.env.TEST_REDIS_URL || undefined;
/** One client address per run: a real Redis keeps the per-address counter of an earlier run for a window. */
const CLIENT_IP = `${randomInt(1, 223)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function timed(send: () => Promise<LightMyRequestResponse>) {
  const started = performance.now();
  const res = await send();
  return { res, ms: performance.now() - started };
}

function login(t: TestContext, user: TestUser, password: string) {
  return timed(() =>
    t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password },
      // One client address for the whole run, so the per-address key is exercised too.
      remoteAddress: CLIENT_IP,
    }),
  );
}

/** Reads, writes and the routes behind @fastify/rate-limit: all answered, none slowly. */
async function expectServedNormally(t: TestContext, agent: Agent) {
  const requests: [string, () => Promise<LightMyRequestResponse>, number][] = [
    ['GET /health', () => t.app.inject({ method: 'GET', url: '/health' }), 200],
    ['GET /me', () => agent.get('/me'), 200],
    ['POST /calls', () => agent.post('/calls', { firstName: 'Redis', lastName: 'Down', phone: '06 11 22 33 44' }), 201],
    // Both behind app.rateLimit (a Redis store when REDIS_URL is set).
    ['GET /me/notifications', () => agent.get('/me/notifications'), 200],
    ['GET /calls/export', () => agent.get('/calls/export'), 200],
  ];
  for (const [what, send, status] of requests) {
    const { res, ms } = await timed(send);
    expect(res.statusCode, `${what}: ${res.body.slice(0, 200)}`).toBe(status);
    expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
  }
}

/** Login throttling during the outage: counted in the process, so the budget still holds, quickly. */
async function expectLoginThrottledLocally(t: TestContext, user: TestUser) {
  for (let i = 0; i < MAX; i++) {
    const { res, ms } = await login(t, user, 'wrong password');
    expect(res.statusCode, `attempt ${i + 1}: ${res.body}`).toBe(401);
    expect(ms, `attempt ${i + 1} took ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
  }
  const refused = await login(t, user, 'wrong password');
  expect(refused.res.statusCode, refused.res.body).toBe(429);
  expect(refused.res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(refused.res.headers['retry-after'])).toBeGreaterThan(0);
  expect(refused.ms).toBeLessThan(BOUND_MS);
  // Another account from another address signs in as usual.
  const other = await createUser(t.database);
  const right = await timed(() =>
    t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: other.email, password: other.password } }),
  );
  expect(right.res.statusCode, right.res.body).toBe(200);
  expect(right.ms).toBeLessThan(BOUND_MS);
  expect(
    t.logs.some((line) => line.msg === 'attempt limiter: redis failed; counting in this process'),
    'the limiter logs that it counts in the process',
  ).toBe(true);
}

describe('REDIS_URL pointing at a port where nothing listens', () => {
  let t: TestContext;
  let user: TestUser;
  let isClosed = false;
  beforeAll(async () => {
    const port = await freePort();
    t = await createTestApp({ env: { ...env, REDIS_URL: `redis://127.0.0.1:${port}` } });
    user = await createUser(t.database);
  });
  afterAll(() => (isClosed ? undefined : t?.close()));

  it('answers every kind of request normally, within a couple of seconds', async () => {
    await expectServedNormally(t, await signedIn(t.app, user));
    expect(t.logs.some((line) => line.msg === 'redis error')).toBe(true);
  });

  it(`still throttles logins while Redis is down, in the process: wrong password ${MAX + 1} is a 429`, async () => {
    await expectLoginThrottledLocally(t, await createUser(t.database));
  });

  it('closes without hanging', async () => {
    const started = performance.now();
    await t.close();
    isClosed = true;
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  });
});

describe.skipIf(!redisTestUrl)('a Redis that answered, then black-holes (needs REDIS_TEST_URL)', () => {
  let t: TestContext;
  let proxy: BlackholeProxy;
  beforeAll(async () => {
    const real = new URL(redisTestUrl!);
    proxy = new BlackholeProxy({ host: real.hostname, port: Number(real.port || 6379) });
    const port = await freePort();
    await proxy.listen(port);
    const viaProxy = new URL(redisTestUrl!);
    viaProxy.host = `127.0.0.1:${port}`;
    t = await createTestApp({ env: { ...env, REDIS_URL: viaProxy.toString() } });
    await waitForAppRedis(t);
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
  });

  it('throttles logins through Redis while it answers (the budget is really kept there)', async () => {
    const user = await createUser(t.database);
    for (let i = 0; i < MAX; i++) expect((await login(t, user, 'wrong password')).res.statusCode).toBe(401);
    expect((await login(t, user, 'wrong password')).res.statusCode).toBe(429);
  });

  it('once black-holed, still answers every request within a couple of seconds, and still throttles logins', async () => {
    proxy.blackhole = true;
    const user = await createUser(t.database);
    await expectServedNormally(t, await signedIn(t.app, user));
    await expectLoginThrottledLocally(t, await createUser(t.database));
  });
});

/**
 * Waits until the app's own Redis client is ready: an attempt it counts shows up in the real Redis
 * (while its connection is not up yet, the limiter counts in the process instead).
 */
async function waitForAppRedis(t: TestContext) {
  const limiter = t.app.attemptLimiter({ name: 'readiness', max: 1, windowMs: WINDOW_MS });
  const real = new Redis(redisTestUrl!, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await real.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const key = randomUUID();
      await limiter.take([key]);
      if ((await real.get(`ct-attempts:readiness:${key}`)) === '1') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    real.disconnect();
  }
  throw new Error('the app never reached Redis through the proxy');
}
