import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createTestApp, testEnv, type TestContext } from '../helpers/app.ts';
import { cookiesOf } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { codeFor, codeStep, enrolMfa, passwordStep, STEP_MS, type Enrolled } from './helpers.ts';

const NOW = '2026-03-02T10:00:00Z';

function login(t: TestContext, email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
}

function expectSignedIn(res: LightMyRequestResponse, user: TestUser) {
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ user: { email: string }; csrfToken: string }>();
  expect(body.user.email).toBe(user.email);
  const cookies = cookiesOf(res);
  expect(Object.keys(cookies).sort()).toEqual(['csrf_token', 'ct_at', 'ct_rt']);
  expect(cookies.csrf_token).toBe(body.csrfToken);
  return cookies;
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code });
  expect(res.headers['set-cookie']).toBeUndefined();
}

async function mfaAudits(t: TestContext, userId: string) {
  return rows<{ action: string; outcome: string; reason: string | null; method: string | null }>(
    t.database,
    `select action, outcome, meta->>'reason' as reason, meta->>'method' as method from audits
      where actor_id = '${userId}' and (action like 'authn_mfa%' or action = 'authn_login_success')
      order by created_at, action`,
  );
}

describe('signing in to an account with two-factor authentication', () => {
  let t: TestContext;
  let user: TestUser;
  let enrolled: Enrolled;
  beforeAll(async () => {
    // Throttling has its own tests below: here the wrong codes of one test must not lock the next out.
    t = await createTestApp({ now: NOW, env: { MFA_RATE_MAX: '50', LOGIN_RATE_MAX: '50' } });
    user = await createUser(t.database);
    enrolled = await enrolMfa(t, user);
  });
  afterAll(() => t.close());

  it('answers the right password with a challenge and sets no cookie', async () => {
    const res = await login(t, user.email, user.password);
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const body = res.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['challenge', 'expiresAt', 'mfaRequired']);
    expect(body.mfaRequired).toBe(true);
    expect(body.challenge).toMatch(/^[\w-]{43}$/);
    expect(body.expiresAt).toBe(new Date(t.clock.now().getTime() + 5 * 60_000).toISOString());
    // Only the challenge's hash is kept.
    const stored = JSON.stringify(await rows(t.database, `select * from mfa_challenges`));
    expect(stored).not.toContain(body.challenge as string);
  });

  it('keeps wrong passwords indistinguishable from unknown emails', async () => {
    const wrong = await login(t, user.email, 'not the password');
    const unknown = await login(t, 'nobody-at-all@example.test', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a wrong code with 401 (no cookie), then signs in with the right one exactly as a login does', async () => {
    const challenge = await passwordStep(t, user);
    expectProblem(await codeStep(t, challenge, '000000'), 401, 'invalid_mfa_code');
    expectProblem(await codeStep(t, challenge, 'not-a-code'), 401, 'invalid_mfa_code');
    const cookies = expectSignedIn(await codeStep(t, challenge, codeFor(enrolled.secret, t)), user);
    const me = await t.app.inject({ method: 'GET', url: '/me', cookies });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: user.email });
    // The session is a real one: it refreshes with its CSRF token.
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      cookies,
      headers: { 'x-csrf-token': cookies.csrf_token! },
    });
    expect(refreshed.statusCode).toBe(200);
    t.clock.advance(STEP_MS);
  });

  it('accepts a code once: the same code again, or an older one, is a replay (401)', async () => {
    const code = codeFor(enrolled.secret, t);
    const older = codeFor(enrolled.secret, t, -STEP_MS);
    expectSignedIn(await codeStep(t, await passwordStep(t, user), code), user);
    const challenge = await passwordStep(t, user);
    expectProblem(await codeStep(t, challenge, code), 401, 'invalid_mfa_code');
    expectProblem(await codeStep(t, challenge, older), 401, 'invalid_mfa_code');
    const replays = (await mfaAudits(t, user.id)).filter((a) => a.reason === 'replay');
    expect(replays).toHaveLength(2);
    // The next step's code works (clock drift of one step is tolerated too).
    expectSignedIn(await codeStep(t, challenge, codeFor(enrolled.secret, t, STEP_MS)), user);
    t.clock.advance(2 * STEP_MS);
  });

  it('lets one of two concurrent requests with the same code through, never both', async () => {
    const code = codeFor(enrolled.secret, t);
    const [a, b] = await Promise.all([
      codeStep(t, await passwordStep(t, user), code),
      codeStep(t, await passwordStep(t, user), code),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 401]);
    t.clock.advance(STEP_MS);
  });

  it('accepts each recovery code once, whatever its case and spacing', async () => {
    const recovery = enrolled.recoveryCodes[0]!;
    const typed = ` ${recovery.toUpperCase().replace('-', ' ')} `;
    expectSignedIn(await codeStep(t, await passwordStep(t, user), typed), user);
    expectProblem(await codeStep(t, await passwordStep(t, user), recovery), 401, 'invalid_mfa_code');
    const audits = await mfaAudits(t, user.id);
    expect(audits.filter((a) => a.action === 'authn_mfa_recovery_code_used')).toHaveLength(1);
    expect(audits.filter((a) => a.method === 'recovery_code')).toHaveLength(1);
    expect(audits.filter((a) => a.reason === 'wrong_recovery_code')).toHaveLength(1);
    expect((await enrolled.agent.get('/me/mfa')).json()).toMatchObject({ recoveryCodesRemaining: 9 });
  });

  it('uses a challenge once: after it signed in, it is refused even with a fresh code', async () => {
    const challenge = await passwordStep(t, user);
    expectSignedIn(await codeStep(t, challenge, codeFor(enrolled.secret, t)), user);
    t.clock.advance(STEP_MS);
    expectProblem(await codeStep(t, challenge, codeFor(enrolled.secret, t)), 401, 'mfa_challenge_invalid');
    t.clock.advance(STEP_MS);
  });

  it('lets a challenge expire after 5 minutes', async () => {
    const challenge = await passwordStep(t, user);
    t.clock.advance(5 * 60_000 - 1_000);
    const stillOpen = await passwordStep(t, user);
    t.clock.advance(2_000);
    expectProblem(await codeStep(t, challenge, codeFor(enrolled.secret, t)), 401, 'mfa_challenge_invalid');
    expectSignedIn(await codeStep(t, stillOpen, codeFor(enrolled.secret, t)), user);
    t.clock.advance(STEP_MS);
  });

  it('binds a challenge to its account: another account’s valid code does not complete it', async () => {
    const other = await createUser(t.database);
    const otherEnrolled = await enrolMfa(t, other);
    const challenge = await passwordStep(t, user);
    expectProblem(await codeStep(t, challenge, codeFor(otherEnrolled.secret, t)), 401, 'invalid_mfa_code');
    expectProblem(await codeStep(t, challenge, otherEnrolled.recoveryCodes[0]!), 401, 'invalid_mfa_code');
    expectProblem(await codeStep(t, 'x'.repeat(43), codeFor(enrolled.secret, t)), 401, 'mfa_challenge_invalid');
    expectSignedIn(await codeStep(t, challenge, codeFor(enrolled.secret, t)), user);
    t.clock.advance(STEP_MS);
  });

  it('refuses the second step of an account disabled in between, like a disabled account', async () => {
    const victim = await createUser(t.database);
    const { secret } = await enrolMfa(t, victim);
    const challenge = await passwordStep(t, victim);
    await rows(t.database, `update users set disabled = true where id = '${victim.id}'`);
    expectProblem(await codeStep(t, challenge, codeFor(secret, t)), 401, 'invalid_credentials');
  });

  it('audits the whole journey: challenge, failures with their reason, success with its method, session', async () => {
    const fresh = await createUser(t.database);
    const { secret } = await enrolMfa(t, fresh);
    const challenge = await passwordStep(t, fresh);
    await codeStep(t, challenge, '123456');
    await codeStep(t, challenge, codeFor(secret, t));
    const audits = await mfaAudits(t, fresh.id);
    expect(audits.map((a) => [a.action, a.outcome, a.reason ?? a.method])).toEqual([
      ['authn_login_success', 'success', null], // enrolMfa's own sign-in
      ['authn_mfa_enrol_start', 'success', null],
      ['authn_mfa_enable', 'success', null],
      ['authn_mfa_challenge', 'success', null],
      ['authn_mfa_fail', 'failure', 'wrong_code'],
      ['authn_mfa_success', 'success', 'totp'],
      ['authn_login_success', 'success', null],
    ]);
  });
});

describe('a secret encrypted under another key (MFA_ENCRYPTION_KEY changed)', () => {
  it('refuses the app’s codes but still accepts a recovery code', async () => {
    const t = await createTestApp({ now: NOW, env: { MFA_ENCRYPTION_KEY: 'the first key, 32 characters or more' } });
    const rotated = await buildApp({
      env: testEnv({ MFA_ENCRYPTION_KEY: 'another key, also 32 characters long', LOG_LEVEL: 'silent' }),
      database: t.database,
      clock: t.clock,
      logger: false,
    });
    try {
      const user = await createUser(t.database);
      const { secret, recoveryCodes } = await enrolMfa(t, user);
      const other = { ...t, app: rotated } as TestContext;
      expectProblem(
        await codeStep(other, await passwordStep(other, user), codeFor(secret, t)),
        401,
        'invalid_mfa_code',
      );
      expectSignedIn(await codeStep(other, await passwordStep(other, user), recoveryCodes[0]!), user);
      const [reason] = await rows<{ reason: string }>(
        t.database,
        `select meta->>'reason' as reason from audits where actor_id = '${user.id}' and action = 'authn_mfa_fail'`,
      );
      expect(reason?.reason).toBe('secret_unreadable');
    } finally {
      await rotated.close();
      await t.close();
    }
  });
});

describe('throttling of wrong second-step codes', () => {
  const MAX = 3;
  const WINDOW_MS = 60_000;
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({
      now: NOW,
      env: { MFA_RATE_MAX: String(MAX), LOGIN_RATE_WINDOW_MS: String(WINDOW_MS), TRUST_PROXY: '127.0.0.1' },
    });
  });
  afterAll(() => t.close());
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it(`answers 429 + Retry-After after ${MAX} wrong codes on one account, across challenges and addresses`, async () => {
    const user = await createUser(t.database);
    const { secret } = await enrolMfa(t, user);
    for (let i = 0; i < MAX; i++) {
      const challenge = await passwordStep(t, user, from(`198.51.100.${i + 1}`));
      expectProblem(
        await codeStep(t, challenge, String(200000 + i), from(`198.51.100.${i + 1}`)),
        401,
        'invalid_mfa_code',
      );
    }
    const challenge = await passwordStep(t, user, from('198.51.100.50'));
    const refused = await codeStep(t, challenge, codeFor(secret, t), from('198.51.100.50'));
    expectProblem(refused, 429, 'rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    const [limited] = await rows<{ n: string | number }>(
      t.database,
      `select count(*) as n from audits where action = 'excess_rate_limit_exceeded' and target_id = 'POST /auth/login/mfa'`,
    );
    expect(Number(limited?.n)).toBe(1);

    t.clock.advance(WINDOW_MS + 1_000);
    const again = await passwordStep(t, user, from('198.51.100.50'));
    const res = await codeStep(t, again, codeFor(secret, t), from('198.51.100.50'));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('does not count right codes: a user who signs in often is never locked out', async () => {
    const user = await createUser(t.database);
    const { secret } = await enrolMfa(t, user);
    for (let i = 0; i < MAX * 2; i++) {
      const res = await codeStep(t, await passwordStep(t, user), codeFor(secret, t));
      expect(res.statusCode, res.body).toBe(200);
      t.clock.advance(STEP_MS);
    }
  });

  it('wears a challenge out after 5 wrong codes: the password has to be entered again', async () => {
    const roomy = await createTestApp({ now: NOW, env: { MFA_RATE_MAX: '50' } });
    try {
      const user = await createUser(roomy.database);
      const { secret } = await enrolMfa(roomy, user);
      const challenge = await passwordStep(roomy, user);
      for (let i = 0; i < 5; i++)
        expectProblem(await codeStep(roomy, challenge, String(300000 + i)), 401, 'invalid_mfa_code');
      expectProblem(await codeStep(roomy, challenge, codeFor(secret, roomy)), 401, 'mfa_challenge_invalid');
      expectSignedIn(await codeStep(roomy, await passwordStep(roomy, user), codeFor(secret, roomy)), user);
    } finally {
      await roomy.close();
    }
  });
});
