import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { Agent, cookiesOf, signedIn } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { isCleared, setCookieOf } from '../helpers/set-cookie.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

describe('POST /auth/login', () => {
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.database);
  });
  afterAll(() => t.close());

  it('answers the user, and a csrfToken equal to the readable csrf_token cookie (attributes: session-cookies.test)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ user: { email: string; role: string }; csrfToken: string }>();
    expect(body.user).toMatchObject({ email: user.email, role: 'user' });
    expect(JSON.stringify(body)).not.toMatch(/password|argon2|hash/i);
    expect(setCookieOf(res, 'csrf_token').attributes.has('httponly')).toBe(false);
    expect(cookiesOf(res).csrf_token).toBe(body.csrfToken);
  });

  it('answers byte-identical 401s for a wrong password, an unknown email and a disabled account', async () => {
    const disabled = await createUser(t.database);
    await rows(t.database, `update users set disabled = true where id = '${disabled.id}'`);
    const attempt = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
    const wrongPassword = await attempt(user.email, 'not the password');
    const unknownEmail = await attempt('nobody-here@example.test', 'not the password');
    const disabledAccount = await attempt(disabled.email, disabled.password);
    for (const res of [wrongPassword, unknownEmail, disabledAccount]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toBe(wrongPassword.headers['content-type']);
      expect(res.body).toBe(wrongPassword.body);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrongPassword.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fails = await rows<{ reason: string }>(
      t.database,
      `select meta->>'reason' as reason from audits where action = 'authn_login_fail' order by created_at`,
    );
    expect(fails.map((f) => f.reason).sort()).toEqual(['disabled', 'unknown_email', 'wrong_password']);
  });

  it('matches the email case-insensitively', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email.toUpperCase(), password: user.password },
    });
    expect(res.statusCode).toBe(200);
  });

  it('records authn_login_success with the response request id, ip and user agent', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'user-agent': 'vitest-agent' },
      payload: { email: user.email, password: user.password },
    });
    const requestId = res.headers['x-request-id'] as string;
    const [row] = await rows<{ actor_id: string; ip: string; user_agent: string; outcome: string }>(
      t.database,
      `select actor_id, ip, user_agent, outcome from audits where action = 'authn_login_success' and request_id = '${requestId}'`,
    );
    expect(row).toEqual({ actor_id: user.id, ip: '127.0.0.1', user_agent: 'vitest-agent', outcome: 'success' });
  });

  it('issues fresh tokens whatever cookies were planted before (no fixation)', async () => {
    const agent = new Agent(t.app, user);
    agent.jar.set('ct_rt', 'attacker-value');
    agent.jar.set('ct_rt', 'attacker-value', '/api/auth');
    agent.jar.set('csrf_token', 'planted.token');
    const res = await agent.login();
    expect(res.statusCode).toBe(200);
    expect(agent.cookies.ct_rt).not.toBe('attacker-value');
    expect(agent.cookies.csrf_token).not.toBe('planted.token');
    const planted = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      cookies: { ct_rt: 'attacker-value' },
      headers: { 'x-csrf-token': 'planted.token' },
    });
    expect(planted.statusCode).toBe(401);
  });

  it('stores only the SHA-256 of a 256-bit random refresh token', async () => {
    const agent = await signedIn(t.app, user);
    const token = agent.cookies.ct_rt!;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const digest = createHash('sha256').update(token).digest('hex');
    const [counts] = await rows<{ raw: string | number; hashed: string | number }>(
      t.database,
      `select (select count(*) from refresh_tokens where token_hash = '${token}') as raw,
              (select count(*) from refresh_tokens where token_hash = '${digest}') as hashed`,
    );
    expect(Number(counts?.raw)).toBe(0);
    expect(Number(counts?.hashed)).toBe(1);
  });

  it('refuses a body that is not an object of email and password with 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [expect.objectContaining({ path: 'body.password' })],
    });
  });
});

describe('POST /auth/logout', () => {
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.database);
  });
  afterAll(() => t.close());

  it('revokes the session, clears the three cookies, and the old access and refresh cookies then get 401', async () => {
    const agent = await signedIn(t.app, user);
    const old = { ...agent.cookies };
    const res = await agent.post('/auth/logout');
    expect(res.statusCode).toBe(204);
    for (const [name, path] of [
      ['ct_at', '/'],
      ['ct_rt', '/api/auth'],
      ['csrf_token', '/'],
    ] as const) {
      expect(isCleared(setCookieOf(res, name, path)), name).toBe(true);
    }
    expect(agent.cookies).toEqual({});

    const me = await t.app.inject({ method: 'GET', url: '/me', cookies: { ct_at: old.ct_at! } });
    expect(me.statusCode).toBe(401);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      cookies: old,
      headers: { 'x-csrf-token': agent.csrf },
    });
    expect(refresh.statusCode).toBe(401);
    const [audit] = await rows<{ n: string | number }>(
      t.database,
      `select count(*) as n from audits where action = 'session_logout' and actor_id = '${user.id}'`,
    );
    expect(Number(audit?.n)).toBe(1);
  });

  it('signs out with only the refresh cookie left (the access token has expired)', async () => {
    const agent = await signedIn(t.app, user);
    agent.jar.delete('ct_at');
    expect((await agent.post('/auth/logout')).statusCode).toBe(204);
    const refresh = await agent.request({ method: 'POST', url: '/auth/refresh', cookies: {} });
    expect(refresh.statusCode).toBe(401);
  });

  it('answers 401 with no session at all, and 403 without changing anything when the CSRF token is missing', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/auth/logout' })).statusCode).toBe(401);
    const agent = await signedIn(t.app, user);
    const forged = await agent.request({ method: 'POST', url: '/auth/logout', csrf: null });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['set-cookie']).toBeUndefined();
    expect((await agent.get('/me')).statusCode).toBe(200);
  });
});
