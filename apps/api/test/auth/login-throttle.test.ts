import { randomInt } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientKey } from '../../src/plugins/rate-limit.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

const MAX = 3;
const WINDOW_MS = 60_000;
const env = { LOGIN_RATE_MAX: String(MAX), LOGIN_RATE_WINDOW_MS: String(WINDOW_MS) };

const randomIp = () => `${randomInt(1, 223)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

function login(t: TestContext, email: string, password: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password }, headers });
}

function expectThrottled(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status: 429, code: 'rate_limited' });
  const retryAfter = String(res.headers['retry-after']);
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW_MS / 1000);
}

async function auditCount(t: TestContext, action: string) {
  const [row] = await rows<{ n: string | number }>(
    t.database,
    `select count(*) as n from audits where action = '${action}'`,
  );
  return Number(row?.n);
}

describe('login throttling, one client address', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ env });
  });
  afterAll(() => t.close());

  it(`answers 429 with an integer Retry-After after ${MAX} failures, even to the right password, until the window ends`, async () => {
    const user = await createUser(t.database);
    for (let i = 0; i < MAX; i++) expect((await login(t, user.email, 'wrong password')).statusCode).toBe(401);
    expectThrottled(await login(t, user.email, 'wrong password'));
    expectThrottled(await login(t, user.email, user.password));
    expect(await auditCount(t, 'authn_login_fail')).toBe(MAX);
    // One audit row per exceeded key and window, not one per refused request.
    expect(await auditCount(t, 'excess_rate_limit_exceeded')).toBe(2);
    t.clock.advance(WINDOW_MS + 1_000);
    expect((await login(t, user.email, user.password)).statusCode).toBe(200);
  });

  it('does not count successful logins: a user signing in again and again is never locked out', async () => {
    const user = await createUser(t.database);
    for (let i = 0; i < MAX * 4; i++) expect((await login(t, user.email, user.password)).statusCode).toBe(200);
    expect((await login(t, user.email, 'wrong password')).statusCode).toBe(401);
    expect((await login(t, user.email, user.password)).statusCode).toBe(200);
    t.clock.advance(WINDOW_MS + 1_000);
  });

  it('is not bypassed by a forged X-Forwarded-For (the proxy is not trusted by default)', async () => {
    for (let i = 0; i < MAX; i++) {
      expect((await login(t, `nobody${i}@example.test`, 'guess', { 'x-forwarded-for': randomIp() })).statusCode).toBe(
        401,
      );
    }
    expectThrottled(await login(t, 'someone-else@example.test', 'guess', { 'x-forwarded-for': randomIp() }));
    t.clock.advance(WINDOW_MS + 1_000);
  });

  it(`lets exactly ${MAX} of 12 concurrent wrong guesses through to the password check`, async () => {
    const user = await createUser(t.database);
    const results = await Promise.all(Array.from({ length: 12 }, () => login(t, user.email, 'concurrent guess')));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - MAX);
    t.clock.advance(WINDOW_MS + 1_000);
  });
});

describe('login throttling behind a trusted proxy (several client addresses)', () => {
  let t: TestContext;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    // app.inject connects from 127.0.0.1: trusting it makes X-Forwarded-For the client address.
    t = await createTestApp({ env: { ...env, TRUST_PROXY: '127.0.0.1' } });
    alice = await createUser(t.database);
    bob = await createUser(t.database);
  });
  afterAll(() => t.close());
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('limits one account across many addresses, without blocking another account', async () => {
    for (let i = 0; i < MAX; i++)
      expect((await login(t, alice.email, 'wrong', from(`198.51.100.${i + 1}`))).statusCode).toBe(401);
    expectThrottled(await login(t, alice.email, alice.password, from('198.51.100.200')));
    expect((await login(t, bob.email, bob.password, from('198.51.100.201'))).statusCode).toBe(200);
    expect((await login(t, bob.email, bob.password, from('198.51.100.1'))).statusCode).toBe(200);
    t.clock.advance(WINDOW_MS + 1_000);
  });

  it('limits one address across many accounts, and counts another address separately', async () => {
    for (let i = 0; i < MAX; i++)
      expect((await login(t, `spray${i}@example.test`, 'guess', from('203.0.113.7'))).statusCode).toBe(401);
    expectThrottled(await login(t, alice.email, alice.password, from('203.0.113.7')));
    expect((await login(t, alice.email, alice.password, from('203.0.113.8'))).statusCode).toBe(200);
    t.clock.advance(WINDOW_MS + 1_000);
  });

  it('puts the addresses of one IPv6 /64 in one bucket', async () => {
    for (let i = 0; i < MAX; i++)
      expect((await login(t, `v6-${i}@example.test`, 'guess', from(`2001:db8:1:2::${i + 1}`))).statusCode).toBe(401);
    expectThrottled(await login(t, bob.email, bob.password, from('2001:db8:1:2:ffff::9')));
    expect((await login(t, bob.email, bob.password, from('2001:db8:1:3::1'))).statusCode).toBe(200);
    t.clock.advance(WINDOW_MS + 1_000);
  });
});

// The shared store for several API instances. Runs when a Redis server is given (TEST_REDIS_URL);
// keys are random so runs never collide, and they expire with their window.
describe.skipIf(!process.env.TEST_REDIS_URL)('login throttling on the Redis store (TEST_REDIS_URL)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...env, TRUST_PROXY: '127.0.0.1', REDIS_URL: process.env.TEST_REDIS_URL ?? '' } });
  });
  afterAll(() => t?.close());

  it(`counts failures only and lets exactly ${MAX} of 12 concurrent guesses through`, async () => {
    const user = await createUser(t.database);
    for (let i = 0; i < MAX * 2; i++)
      expect((await login(t, user.email, user.password, { 'x-forwarded-for': randomIp() })).statusCode).toBe(200);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => login(t, user.email, 'guess', { 'x-forwarded-for': randomIp() })),
    );
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(MAX);
    expectThrottled(results.find((r) => r.statusCode === 429)!);
  });
});

describe('clientKey', () => {
  it.each([
    ['192.0.2.10', '192.0.2.10'],
    ['::ffff:192.0.2.10', '192.0.2.10'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('keys %s as %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});
